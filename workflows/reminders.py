"""Reminders to reviewers about items waiting longer than N working days.

Due once per working day (Monday to Friday) from 08:00 local time, for each task that has
waited too long: the scheduler's tick asks every minute and sends only what has not been sent
that day. Each reminder is recorded (ReminderSent, one per task and day) before it is sent, in
the same transaction, so that two ticks at once never send it twice; a tick lost before the
commit leaves nothing recorded and the next tick sends it.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import TaskState

from . import conf
from .models import ReminderSent
from .notifications import dispatch_once
from .scope import cchc_review_task_states

# JobRun name of the reminders job (bulletin.health reads the same names).
REMINDERS_JOB = "reminders"
# Reviewers hear about waiting items at the start of the working day, not at midnight.
FIRST_HOUR = 8


def working_days_before(moment, days):
    """`moment` moved back by `days` working days (Monday to Friday).

    Public holidays are not counted out: the province's calendar is not in the data.
    """
    local = timezone.localtime(moment)
    while days > 0:
        local -= timedelta(days=1)
        if local.weekday() < 5:
            days -= 1
    return local


def reminder_day(now):
    """The local working day whose reminders are due at `now`, or None (weekend, before 08:00)."""
    local = timezone.localtime(now)
    if local.weekday() >= 5 or local.hour < FIRST_HOUR:
        return None
    return local.date()


def overdue_task_states(now=None):
    days = conf.get("CCHC_REVIEW_REMINDER_WORKING_DAYS")
    threshold = working_days_before(now or timezone.now(), days)
    return cchc_review_task_states(
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, started_at__lte=threshold)
    ).order_by("started_at")


def queue_reminders(now=None):
    """Send today's reminder for each overdue task not reminded today; returns how many."""
    now = now or timezone.now()
    day = reminder_day(now)
    if day is None:
        return 0
    reminded = ReminderSent.objects.filter(sent_on=day).values("task_state_id")
    sent = 0
    for task_state in overdue_task_states(now).exclude(pk__in=reminded):
        sent += send_once(task_state, day)
    return sent


def send_once(task_state, day):
    """Record, then send, the reminder of `task_state` for `day`; False if already sent."""
    return dispatch_once("reminder", ReminderSent(task_state=task_state, sent_on=day))
