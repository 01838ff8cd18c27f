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
    # Account → Notifications shows each user the switches their review e-mails obey, described
    # by those e-mails (workflows.notification_preferences). Off by default: it replaces the
    # form of Wagtail's panel for every user of the admin.
    "CCHC_REVIEW_NOTIFICATION_PREFERENCES": False,
    # setup_cchc deactivates Wagtail's default "Moderators approval" workflow (on the root page,
    # so on every page of the host that has no workflow of its own). Off by default: the
    # section has its own workflow, and the host's other pages are the host's.
    "CCHC_DEACTIVATE_WAGTAIL_DEFAULT_WORKFLOW": False,
}


def get(name):
    """The host's setting `name`, or its default (a name not in DEFAULTS is a KeyError)."""
    return getattr(settings, name, DEFAULTS[name])
