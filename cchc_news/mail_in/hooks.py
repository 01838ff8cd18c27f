"""Wagtail hooks of mail in: the entry "received by e-mail" in a draft's history (the office's
screen of received e-mails is in the section's menu group, cchc_news.admin.viewsets)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .drafts import MAIL_IN_ACTION


@hooks.register("register_log_actions")
def register_mail_in_log_action(actions):
    @actions.register_action(MAIL_IN_ACTION)
    class ReceivedByEmail(LogFormatter):
        label = _("Received by e-mail")

        def format_message(self, log_entry):
            data = log_entry.data
            values = {
                "sender": data.get("sender", ""),
                "sent_at": data.get("sent_at", ""),
                "message_id": data.get("message_id", ""),
            }
            message = _(
                "Received by e-mail from %(sender)s (sent %(sent_at)s, Message-ID %(message_id)s)"
            )
            if data.get("assigned_by"):
                message = _(
                    "Received by e-mail from %(sender)s (sent %(sent_at)s, Message-ID "
                    "%(message_id)s), assigned by %(assigned_by)s"
                )
                values["assigned_by"] = data["assigned_by"]
            results = ", ".join(f"{k}={v}" for k, v in data.get("authentication", {}).items())
            return message % values + (f"; SPF/DKIM: {results}" if results else "")
