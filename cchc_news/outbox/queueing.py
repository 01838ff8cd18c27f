"""After the transaction that wrote to the outbox commits: send it.

With a broker, a task does it (cchc_news.broker: never a long wait on a hung broker; whatever is
not queued, the scheduler's tick sends); in the embedded set-up (CELERY_TASK_ALWAYS_EAGER),
it is sent in-process after the commit.
"""

import logging
import threading

from django.db import transaction

from .. import broker
from .sending import flush

logger = logging.getLogger(__name__)

SEND_TASK = "cchc_news.send_outbox"  # cchc_news.tasks


def send_after_commit():
    """Send the outbox once the current transaction has committed (at once outside one).

    A transaction that writes several notices queues several sends: the first one sends them
    all, and the others, finding it ran after they were queued, do nothing (each would have
    looked for due rows, or queued a task, again); with the broker down only the first one
    waits for it (cchc_news.broker).
    """
    ticket = _issue_ticket()
    transaction.on_commit(lambda: send_soon(ticket))


# Per thread: a transaction's commit callbacks run in the thread that made them.
_tickets = threading.local()


def _issue_ticket():
    _tickets.issued = getattr(_tickets, "issued", 0) + 1
    return _tickets.issued


def _covered_by_an_earlier_send(ticket):
    """Whether a send started after `ticket` was issued (then committed): it sent its rows too."""
    if ticket <= getattr(_tickets, "sent_through", 0):
        return True
    _tickets.sent_through = getattr(_tickets, "issued", 0)
    return False


def send_soon(ticket=None):
    if ticket is not None and _covered_by_an_earlier_send(ticket):
        return
    if broker.tasks_run_in_process():
        try:
            flush()
        except Exception:  # the rows are kept: the tick tries them again
            logger.exception("Sending the outbox after the commit failed")
        return
    broker.send_task(SEND_TASK)
