"""Telling the CCHC office about steps that nobody reviews.

Two alerts, each sent at most once per task state (OfficeAlert, recorded before the e-mail in
the same transaction, so two ticks at once send it once and a tick lost before the commit
leaves it to the next):

- *no reviewer*: the step has no eligible reviewer (workflows.stand_in). Checked when the step
  starts (sent after the request commits) and by every scheduler tick, which finds a head
  deactivated, or removed from the heads group, while the item waits.
- *overdue*: the step's first reminder (workflows.reminders) is CCHC_ESCALATE_AFTER_WORKING_DAYS
  working days old and the step still waits. Sent with the reminders, on working days from
  08:00; a missed tick is made up by the next one, since the test is "at least N days".
  Not for the office's own step: it would escalate to itself.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from wagtail.models import TaskState

from . import stand_in
from .models import AgencyHeadApprovalTask, CCHCGroupApprovalTask, OfficeAlert, ReminderSent
from .notifications import dispatch_once, notify
from .reminders import reminder_day, working_days_before

EVENTS = {OfficeAlert.NO_REVIEWER: "no_reviewer", OfficeAlert.OVERDUE: "escalated"}


def waiting_states():
    """In-progress steps of the CCHC review's own task types."""
    task_types = ContentType.objects.get_for_models(
        AgencyHeadApprovalTask, CCHCGroupApprovalTask
    ).values()
    return TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, task__content_type__in=list(task_types)
    ).order_by("started_at", "pk")


def not_alerted(states, reason):
    return states.exclude(pk__in=OfficeAlert.objects.filter(reason=reason).values("task_state_id"))


def has_no_reviewer(task_state, task=None):
    task = task or task_state.task.specific
    obj = task_state.workflow_state.content_object
    return obj is not None and not task.reviewers(obj).exists()


def send_once(task_state, reason):
    """Record, then send, the office's alert about `task_state`; False if already recorded."""
    return dispatch_once(EVENTS[reason], OfficeAlert(task_state=task_state, reason=reason))


def alert_no_reviewer(task_state):
    return send_once(task_state, OfficeAlert.NO_REVIEWER)


def on_step_started(task_state):
    """A step just started (inside the request's transaction): tell the office if nobody can act.

    The alert is recorded with the step and the e-mail goes after the commit, like every other
    review notice.
    """
    task = task_state.task.specific
    if not isinstance(task, AgencyHeadApprovalTask | CCHCGroupApprovalTask):
        return
    if not has_no_reviewer(task_state, task):
        return
    try:
        with transaction.atomic():
            OfficeAlert.objects.create(task_state=task_state, reason=OfficeAlert.NO_REVIEWER)
    except IntegrityError:
        return
    notify(EVENTS[OfficeAlert.NO_REVIEWER], task_state_id=task_state.pk)


def specific_tasks(states):
    tasks = {}
    for task_state in states:
        if task_state.task_id not in tasks:
            tasks[task_state.task_id] = task_state.task.specific
        yield task_state, tasks[task_state.task_id]


def alert_steps_without_reviewer():
    """Tell the office about every waiting step nobody can review and it was not told of."""
    states = not_alerted(waiting_states(), OfficeAlert.NO_REVIEWER).select_related(
        "workflow_state", "task"
    )
    sent = 0
    for task_state, task in specific_tasks(states):
        if has_no_reviewer(task_state, task):
            sent += alert_no_reviewer(task_state)
    return sent


def escalate_overdue_steps(now):
    """Escalate to the office each step whose reminders went unanswered long enough."""
    if reminder_day(now) is None:  # escalations go out with the reminders, on working days
        return 0
    cutoff = working_days_before(now, stand_in.escalate_after()).date()
    reminded_long_ago = ReminderSent.objects.filter(sent_on__lte=cutoff).values("task_state_id")
    states = not_alerted(waiting_states(), OfficeAlert.OVERDUE).filter(pk__in=reminded_long_ago)
    sent = 0
    for task_state, task in specific_tasks(states.select_related("task")):
        if not stand_in.reviewed_by_office(task):
            sent += send_once(task_state, OfficeAlert.OVERDUE)
    return sent


def alert_office(now):
    """The scheduler's tick: both alerts that are due at `now`; returns how many were sent."""
    return alert_steps_without_reviewer() + escalate_overdue_steps(now)
