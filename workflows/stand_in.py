"""Steps nobody reviews, and the CCHC office standing in for the agency head.

A step has *no eligible reviewer* when its reviewers() (active users of its groups who are not
the item's authors) is empty: an agency without an active head, or whose only head wrote the
item. The office is then told (workflows.escalation) and, at the agency head's step only, its
members may act in the head's place for as long as the step has no eligible reviewer. Once a
step's reminders have gone unanswered for CCHC_ESCALATE_AFTER_WORKING_DAYS working days, the
office is told too, and may then act in the head's place even though a head could.

"The office" is whoever holds the permission STAND_IN (setup_cchc grants it to the CCHC office
group; administrators may grant it to another group in Settings → Groups), through a group or
directly, not merely as a superuser: it decides who may stand in, who is alerted and which step
is the office's own, whatever the group is named.

The office never stands in for the office review or the leadership's sign-off: that would let
one group approve an item on its own. Nobody stands in on their own item either (the task's
may_act() keeps the self-approval rule). Acting in the head's place is written to the item's
history as a log entry of its own (STAND_IN_ACTION).

Each alert is recorded (OfficeAlert, one per task state and reason) before it is sent, in the
same transaction, like workflows.reminders' ReminderSent: two ticks at once send it once.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.log_actions import log
from wagtail.models import Page, TaskState

from . import conf

# The permission that makes a user one of "the office" here (declared on OfficeAlert).
STAND_IN = "stand_in_for_agency_heads"
# The log entry written when the office acts in the head's place (registered in wagtail_hooks).
STAND_IN_ACTION = "cchc_workflows.stand_in"


class OfficeAlert(models.Model):
    """The CCHC office was told about a waiting step: at most once per task state and reason."""

    NO_REVIEWER = "no_reviewer"
    OVERDUE = "overdue"
    REASONS = [
        (NO_REVIEWER, _("nobody can review the step")),
        (OVERDUE, _("reminders went unanswered")),
    ]

    task_state = models.ForeignKey(
        TaskState, on_delete=models.CASCADE, related_name="+", verbose_name=_("task")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=REASONS)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("alert to the CCHC office")
        verbose_name_plural = _("alerts to the CCHC office")
        # Marked for translation: Wagtail's group editor translates a permission's label.
        permissions = [
            (
                STAND_IN,
                gettext_noop(
                    "Can act for agency heads when none can, and receive the alerts about "
                    "waiting steps"
                ),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "reason"], name="one_office_alert_per_task_and_reason"
            )
        ]

    def __str__(self):
        return f"{self.task_state_id} {self.reason}"


def escalate_after():
    """Working days of unanswered reminders before a step is escalated to the office."""
    return conf.get("CCHC_ESCALATE_AFTER_WORKING_DAYS")


# --- the office ---------------------------------------------------------------------------


def stand_in_permission():
    return Permission.objects.filter(content_type__app_label="cchc_workflows", codename=STAND_IN)


def office_members():
    """Active users who hold STAND_IN through a group or directly (superusers only if so).

    Asked of every authentication backend: Django's with_perm refuses to pick one when a site
    has several (a login guard such as django-axes' before ModelBackend); those that cannot
    list users add none.
    """
    users, perm = get_user_model().objects, f"cchc_workflows.{STAND_IN}"
    found = users.none()
    for backend in settings.AUTHENTICATION_BACKENDS:
        found |= users.with_perm(perm, include_superusers=False, backend=backend)
    return found.distinct()


def is_office_member(user):
    cached = getattr(user, "_cchc_office_member", None)
    if cached is None:
        cached = bool(user.pk) and office_members().filter(pk=user.pk).exists()
        user._cchc_office_member = cached
    return cached


def may_stand_in_at(task):
    """Whether the office may act in the reviewers' place at `task` (the agency head's step)."""
    return getattr(task, "office_may_stand_in", False)


def reviewed_by_office(task):
    """Whether `task` is the office's own step (its delays are not escalated to itself)."""
    groups = getattr(task, "groups", None)
    return groups is not None and groups.filter(permissions__in=stand_in_permission()).exists()


def office_recipients(task, obj):
    """Who in the office hears about `task` on `obj`: at the head's step, those who may act."""
    users = office_members()
    if may_stand_in_at(task):
        users = task.without_authors(users, obj)
    return list(users)


# --- who could review, and why nobody can ---------------------------------------------------


def reviewer_group_ids(task, obj):
    if hasattr(task, "heads_group_id"):
        return [group_id for group_id in [task.heads_group_id(obj)] if group_id]
    return list(task.groups.values_list("pk", flat=True))


def why_nobody(task, obj):
    """The facts the office needs: the step's groups and their active members (all authors)."""
    group_ids = reviewer_group_ids(task, obj)
    members = get_user_model().objects.filter(is_active=True, groups__pk__in=group_ids)
    members = members.distinct().order_by("last_name", "first_name", "pk")
    group_names = Group.objects.filter(pk__in=group_ids).values_list("name", flat=True)
    return {
        "head_step": hasattr(task, "heads_group_id"),
        "group_names": ", ".join(group_names),
        "member_names": ", ".join(user.get_full_name() or user.get_username() for user in members),
        "stand_in": may_stand_in_at(task),
    }


# --- standing in ----------------------------------------------------------------------------


def waiting_task_state(task, obj):
    """The in-progress state of `task` for the page `obj`, if it waits there."""
    return TaskState.objects.filter(
        task_id=task.pk,
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=str(obj.pk),
    ).first()


def stand_in_reason(task, obj, task_state):
    """Why the office may act in the head's place on `task_state`, or None if it may not."""
    if not may_stand_in_at(task) or task_state is None:
        return None
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    if not task.reviewers(obj).exists():
        return OfficeAlert.NO_REVIEWER
    if OfficeAlert.objects.filter(task_state=task_state, reason=OfficeAlert.OVERDUE).exists():
        return OfficeAlert.OVERDUE
    return None


def may_stand_in(task, obj, user):
    """Whether `user` may act on `task` for `obj` in the head's place (authors checked apart)."""
    if not (user.is_active and may_stand_in_at(task) and is_office_member(user)):
        return False
    return stand_in_reason(task, obj, waiting_task_state(task, obj)) is not None


def states_to_stand_in(task, user):
    """The task states of `task` that `user`, of the office, may act on in the head's place.

    Only states the office was alerted about are looked at, so the awaiting-review list costs
    a query per alerted item, not per waiting one.
    """
    none = TaskState.objects.none()
    if not (user.is_active and may_stand_in_at(task) and is_office_member(user)):
        return none
    alerted = (
        task.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        .filter(pk__in=OfficeAlert.objects.values("task_state"))
        .select_related("workflow_state")
    )
    ids = []
    for task_state in alerted:
        obj = task_state.workflow_state.content_object
        if obj is not None and stand_in_reason(task, obj, task_state):
            ids.append(task_state.pk)
    return task.task_states.filter(pk__in=ids) if ids else none


def record_stand_in(task_state, user, action_name, reason):
    """Write to the item's history that `user` acted on `task_state` in the head's place."""
    log(
        instance=task_state.revision.as_object(),
        action=STAND_IN_ACTION,
        user=user,
        data={
            "task_state_id": task_state.pk,
            "task": {"id": task_state.task_id, "title": task_state.task.name},
            "action": action_name,
            "reason": reason,
        },
        revision=task_state.revision,
    )
