"""The review's settings, each with its default: a host sets only what it changes.

Read through get() at each call (override_settings and a changed deployment apply at once);
workflows.checks explains a bad value at start-up.
"""

from django.conf import settings

DEFAULTS = {
    # Nobody approves, at any step, an item they wrote or rewrote (workflows.models).
    "CCHC_PREVENT_SELF_APPROVAL": True,
    # Reviewers are reminded daily of items waiting longer than this many working days; the
    # dashboard's waiting list marks them overdue.
    "CCHC_REVIEW_REMINDER_WORKING_DAYS": 2,
    # Reminders unanswered this many working days (from the first one) escalate the step to the
    # CCHC office, once (workflows.escalation).
    "CCHC_ESCALATE_AFTER_WORKING_DAYS": 3,
}


def get(name):
    """The host's setting `name`, or its default (a name not in DEFAULTS is a KeyError)."""
    return getattr(settings, name, DEFAULTS[name])
