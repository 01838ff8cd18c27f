"""Daily reminders to reviewers about items waiting longer than N working days."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import TaskState

from .notifications import dispatch


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


def overdue_task_states(now=None):
    days = getattr(settings, "CCHC_REVIEW_REMINDER_WORKING_DAYS", 2)
    threshold = working_days_before(now or timezone.now(), days)
    return TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, started_at__lte=threshold
    ).order_by("started_at")


def queue_reminders(now=None):
    """Send one reminder per overdue task; returns how many tasks were overdue."""
    count = 0
    for task_state in overdue_task_states(now):
        dispatch("reminder", {"task_state_id": task_state.pk})
        count += 1
    return count
