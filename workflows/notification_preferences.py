"""Account → Notifications: the switches that the review e-mails obey, to whom they reach.

Wagtail's notification preferences form shows the "submitted" switch only to users who may
publish somewhere, and describes each switch by Wagtail's own e-mails. Ours are different
(``workflows.notifications``, which obeys the switches as ``PREFERENCE`` says): agency heads,
who may not publish, are e-mailed each item waiting for their approval; authors are e-mailed
when their item is approved with a comment, published or sent back. Here each user sees the
switches of the e-mails that can reach them, each described by those e-mails, and nothing
else, apart from Wagtail's own comment notifications, which Wagtail still sends.

Wagtail offers no hook to change its Notifications panel (a second panel on the same profile
fields would overwrite the first on save), so ``use_review_notification_preferences()`` gives
the panel this form at start-up (``WorkflowsConfig.ready``), when the host turns it on:
CCHC_REVIEW_NOTIFICATION_PREFERENCES = True (workflows.conf; the portal does).
"""

import copy

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NotificationPreferencesForm
from wagtail.models import WorkflowTask
from wagtail.permission_policies.pages import PagePermissionPolicy

from cchc_news.models import Agency

from . import conf
from .models import AgencyHeadApprovalTask
from .notifications import PREFERENCE
from .stand_in import is_office_member

# What each e-mail of workflows.notifications tells its reader.
DESCRIPTIONS = {
    "review_requested": _("an item waits for your review"),
    "reminder": _("a reminder while an item still waits for your review"),
    "rejected_later": _("an item you approved was sent back at a later step"),
    "approved_with_comment": _("your item was approved with a comment"),
    "published": _("your item was published"),
    "changes_requested": _("your item was sent back for changes"),
    "no_reviewer": _("a review step has nobody who may review it (CCHC office)"),
    "escalated": _("a review went unanswered after its reminders (CCHC office)"),
    "review_cancelled": _("the review of your item was cancelled (with the reason)"),
}
# Reviewers of some step get the first three; whoever may write items gets the others.
REVIEWER_EMAILS = ("review_requested", "reminder", "rejected_later")
AUTHOR_EMAILS = ("approved_with_comment", "published", "changes_requested", "review_cancelled")
# The CCHC office also gets the alerts of workflows.escalation.
OFFICE_EMAILS = ("no_reviewer", "escalated")
# Wagtail sends these itself (comments on a page one follows); its own rule decides who sees it.
WAGTAIL_SWITCHES = ("updated_comments_notifications",)


def reviews_items(user):
    """Whether a step of an active workflow routes items to one of the user's groups."""
    group_ids = list(user.groups.values_list("pk", flat=True))
    if not (user.is_active and group_ids):
        return False
    steps = WorkflowTask.objects.filter(workflow__active=True, task__active=True)
    for step in steps.select_related("task"):
        task = step.task.specific
        if isinstance(task, AgencyHeadApprovalTask):
            groups = Agency.objects.filter(heads_group__in=group_ids)
        elif hasattr(task, "groups"):
            groups = task.groups.filter(pk__in=group_ids)
        else:
            continue
        if groups.exists():
            return True
    return False


def writes_items(user):
    return PagePermissionPolicy().user_has_any_permission(user, {"add", "change"})


def emails_for(user):
    """The review e-mails that can reach `user`, in the order of DESCRIPTIONS."""
    emails = (
        (REVIEWER_EMAILS if reviews_items(user) else ())
        + (AUTHOR_EMAILS if writes_items(user) else ())
        + (OFFICE_EMAILS if is_office_member(user) else ())
    )
    return [event for event in DESCRIPTIONS if event in emails]


def help_text(events):
    """ "E-mails when: …; …." in the language of the request that builds the form."""
    descriptions = "; ".join(str(DESCRIPTIONS[event]) for event in events)
    return gettext("E-mails when: %(emails)s.") % {"emails": descriptions}


class ReviewNotificationPreferencesForm(NotificationPreferencesForm):
    """One switch per preference that one of the user's e-mails obeys, saying which ones."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        emails = emails_for(self.instance.user)
        by_switch = {}
        for event in emails:
            by_switch.setdefault(f"{PREFERENCE[event]}_notifications", []).append(event)
        shown = [name for name in WAGTAIL_SWITCHES if name in self.fields]
        fields = {}
        for name in self._meta.fields:
            if name in by_switch:
                fields[name] = self.fields.get(name) or copy.deepcopy(self.base_fields[name])
                fields[name].help_text = help_text(by_switch[name])
            elif name in shown:
                fields[name] = self.fields[name]
        self.fields = fields


def use_review_notification_preferences():
    """Wagtail's Notifications panel gets this form while CCHC_REVIEW_NOTIFICATION_PREFERENCES
    is on (it changes every user's panel, so it is the host's choice), and its own otherwise."""
    from wagtail.admin.views.account import NotificationsSettingsPanel

    if conf.get("CCHC_REVIEW_NOTIFICATION_PREFERENCES"):
        NotificationsSettingsPanel.form_class = ReviewNotificationPreferencesForm
    elif NotificationsSettingsPanel.form_class is ReviewNotificationPreferencesForm:
        NotificationsSettingsPanel.form_class = NotificationPreferencesForm


def follow_notification_preferences_setting(setting, **kwargs):
    """setting_changed (override_settings in tests): apply the new value at once."""
    if setting == "CCHC_REVIEW_NOTIFICATION_PREFERENCES":
        use_review_notification_preferences()
