"""Celery tasks of the bulletin: thin wrappers over assembly and delivery.

The beat schedule runs none of these: it runs the scheduler's tick (`cchc_news.tick`), which
runs the same jobs. They stay for operators (`celery -A portal call ...`), for the first
try of a delivery right after its bulletin is published and for its PDF (bulletin.pdf).
"""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from cchc_news.scheduler import run_job

from . import catch_up, delivery
from .assembly import assemble
from .weeks import Week


@shared_task(name="bulletin.assemble_weekly_bulletin", ignore_result=True)
def assemble_weekly_bulletin(week=None):
    """Assemble `week` ('2026-W48'); without one, every past week that is due (as the tick)."""
    if week:
        return assemble(Week.parse(week)).message
    return run_job(catch_up.ASSEMBLY_JOB, catch_up.assemble_due_weeks).result


@shared_task(name="bulletin.deliver", ignore_result=True)
def deliver(delivery_id):
    """First try of one delivery, right after the publication commits."""
    delivery.deliver_now(delivery_id)


@shared_task(name="bulletin.dispatch_due_deliveries", ignore_result=True)
def dispatch_due_deliveries():
    """The sweeper: retries on schedule and deliveries whose first try never left."""
    return run_job(catch_up.DELIVERIES_JOB, delivery.dispatch_due).result


@shared_task(name="bulletin.render_pdf", ignore_result=True)
def render_bulletin_pdf(bulletin_id):
    """Render and store the published bulletin's PDF, so that visitors' requests find it."""
    from .models import BulletinPage
    from .pdf import render_pdf, worker_base_url

    bulletin = BulletinPage.objects.live().public().filter(pk=bulletin_id).first()
    if bulletin is not None:
        with translation.override(settings.LANGUAGE_CODE):
            render_pdf(bulletin, worker_base_url())
