"""Celery tasks: thin wrappers that take ids and call the domain functions."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from cchc_news.scheduler import TickClock, run_job

from . import notifications, reminders


@shared_task(name="workflows.send_notification", ignore_result=True)
def send_notification(event, ids):
    """Messages queued before the outbox: the event goes through the outbox like a new one."""
    notifications.write_notice(event, ids)


@shared_task(name="workflows.send_review_reminders", ignore_result=True)
def send_review_reminders(now=None):
    """For operators (the beat schedule runs the tick): today's due reminders, recorded.

    `now` (ISO 8601) stands for the current time. Returns how many reminders were sent.
    """
    moment = parse_datetime(now) if now else None
    outcome = run_job(
        reminders.REMINDERS_JOB,
        lambda: reminders.queue_reminders(moment),
        TickClock(moment) if moment else None,
    )
    return int(outcome.result) if outcome.succeeded else 0
