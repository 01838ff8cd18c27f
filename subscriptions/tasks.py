"""Celery task of the subscriptions: a thin wrapper over mailing.send_due."""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from cchc_news.scheduler import run_job

from . import mailing

MAILINGS_JOB = "bulletin_mailings"  # the JobRun name, shared with the tick's job


@shared_task(name="subscriptions.send_mailings", ignore_result=True)
def send_mailings():
    """Write the open mailings to the outbox and send them (queued after a publication)."""
    with translation.override(settings.LANGUAGE_CODE):
        return run_job(MAILINGS_JOB, mailing.send_due).result
