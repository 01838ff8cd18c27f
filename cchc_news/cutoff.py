"""The week's cut-off as the editor sees it, supplied by the app that assembles the bulletin.

cchc_news does not know when, or whether, items are compiled: an installed app (the bulletin
app) tells it through the Wagtail hook "cchc_news_cutoff". Each function registered there
takes `now` (an aware datetime) and returns a `Cutoff`, or None when it has none to give;
the first answer wins (hooks run in their `order`, then in the order they were registered).
With no app answering, the editor, the dashboard and the embedded scheduler show and wait
for no cut-off.

A Wagtail hook rather than a setting or a signal: it is what the admin shows, Wagtail's hooks
are how an installed app extends the admin, and installing the app is the whole configuration.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from wagtail import hooks

HOOK_NAME = "cchc_news_cutoff"


@dataclass(frozen=True)
class Cutoff:
    at: datetime  # aware: when it falls (the embedded scheduler ticks then)
    label: str  # “This week's cut-off:”
    when: str  # “16:00, Friday 27/11/2026”
    explanation: str  # “approved by 16:00, Friday 27/11/2026 → this week's bulletin”

    @property
    def line(self):
        """The label and the time, as the editor's footer shows them."""
        return f"{self.label} {self.when}"


def next_cutoff(now=None):
    """The next cut-off an installed app supplies, or None."""
    now = now or timezone.now()
    for supply in hooks.get_hooks(HOOK_NAME):
        cutoff = supply(now)
        if cutoff is not None:
            return cutoff
    return None


def cutoff_explanation(now=None):
    """“approved by … → this week's bulletin”, or None: the line of the dashboard and checklist."""
    cutoff = next_cutoff(now)
    return cutoff.explanation if cutoff is not None else None
