"""Celery tasks of the bulletin: thin wrappers over bulletin.assembly."""

from celery import shared_task

from .assembly import assemble, current_week
from .weeks import Week


@shared_task(name="bulletin.assemble_weekly_bulletin", ignore_result=True)
def assemble_weekly_bulletin(week=None):
    """Assemble `week` ('2026-W48'), by default the current one; returns a summary."""
    result = assemble(Week.parse(week) if week else current_week())
    return result.message
