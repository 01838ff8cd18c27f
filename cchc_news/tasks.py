"""Celery task of the scheduler's tick, the one task the beat schedule runs."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from . import conf, scheduler


def tick_expiry():
    """Seconds after which a queued tick is dropped: the next one does its work anyway."""
    return conf.get("CCHC_TICK_SECONDS")


# acks_late + reject_on_worker_lost: a tick whose pool process dies (killed, out of memory)
# goes back to the queue instead of being acknowledged and lost. expires: ticks queued while
# the workers were down are dropped rather than run one after another when they come back.
@shared_task(
    name="cchc_news.tick",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    expires=tick_expiry(),
)
def tick(now=None):
    """Run every scheduled job that is due; `now` (ISO 8601) stands for the current time."""
    outcomes = scheduler.tick(parse_datetime(now) if now else None)
    return scheduler.tick_summary(outcomes)


@shared_task(name="cchc_news.send_outbox", ignore_result=True)
def send_outbox():
    """Write and send what is due in the e-mail outbox (queued after each commit that wrote
    to it; the tick runs the same job for whatever was not queued)."""
    from .outbox.sending import flush

    return flush()
