"""Celery tasks: thin wrappers that take ids and call the domain functions."""

from celery import shared_task

from . import notifications, reminders


@shared_task(name="workflows.send_notification", ignore_result=True)
def send_notification(event, ids):
    notifications.send_event(event, **ids)


@shared_task(name="workflows.send_review_reminders", ignore_result=True)
def send_review_reminders():
    return reminders.queue_reminders()
