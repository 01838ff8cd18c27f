"""After the transaction that wrote to the outbox commits: send it.

With a broker, a task does it (cchc_news.broker: never a long wait on a hung broker; whatever is
not queued, the scheduler's tick sends); in the embedded set-up (CELERY_TASK_ALWAYS_EAGER),
it is sent in-process after the commit.
"""

import logging

from django.conf import settings
from django.db import transaction

from .. import broker
from .sending import flush

logger = logging.getLogger(__name__)

SEND_TASK = "cchc_news.send_outbox"  # cchc_news.tasks


def send_after_commit():
    """Send the outbox once the current transaction has committed (at once outside one).

    A transaction that writes several notices queues several sends: the first one sends them
    all and the others find nothing due; with the broker down only the first one waits for it
    (cchc_news.broker).
    """
    transaction.on_commit(send_soon)


def send_soon():
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        try:
            flush()
        except Exception:  # the rows are kept: the tick tries them again
            logger.exception("Sending the outbox after the commit failed")
        return
    broker.send_task(SEND_TASK)
