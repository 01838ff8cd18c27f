"""How a bulletin's history reads an early publication (assembled before its cut-off)."""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter

from cchc_news.moments import moment_text

from .assembly import EARLY_PUBLICATION


def register_early_publication(actions):
    @actions.register_action(EARLY_PUBLICATION)
    class EarlyPublication(LogFormatter):
        label = gettext_lazy("Publish early")

        def format_message(self, log_entry):
            cutoff = parse_datetime(log_entry.data.get("cutoff") or "")
            values = {
                "cutoff": moment_text(cutoff) if cutoff else "",
                "reason": log_entry.data.get("reason", ""),
            }
            if log_entry.data.get("published", True):
                return _("Published before the cut-off (%(cutoff)s). Reason: %(reason)s") % values
            return (
                _("Assembled before the cut-off (%(cutoff)s) as a draft. Reason: %(reason)s")
                % values
            )

        def format_comment(self, log_entry):
            return log_entry.data.get("reason", "")
