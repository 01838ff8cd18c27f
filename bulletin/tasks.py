"""Celery tasks of the bulletin: thin wrappers over assembly and delivery."""

from celery import shared_task

from . import delivery
from .assembly import assemble, current_week
from .weeks import Week


@shared_task(name="bulletin.assemble_weekly_bulletin", ignore_result=True)
def assemble_weekly_bulletin(week=None):
    """Assemble `week` ('2026-W48'), by default the current one; returns a summary."""
    result = assemble(Week.parse(week) if week else current_week())
    return result.message


@shared_task(name="bulletin.deliver", ignore_result=True)
def deliver(delivery_id):
    """First try of one delivery, right after the publication commits."""
    delivery.deliver_now(delivery_id)


@shared_task(name="bulletin.dispatch_due_deliveries", ignore_result=True)
def dispatch_due_deliveries():
    """The sweeper: retries on schedule and deliveries whose first try never left."""
    return delivery.dispatch_due()
