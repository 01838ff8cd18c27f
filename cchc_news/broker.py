"""Queueing a Celery task from a web request without waiting on a broker that is down or hung.

The broker's socket timeouts (the host's CELERY_BROKER_TRANSPORT_OPTIONS) bound one attempt;
after a failure the broker is left alone for RETRY_AFTER seconds, so that during an outage
each request does not wait for the timeouts again. Callers keep their work in the database
and the scheduler's tick does whatever was not queued.
"""

import logging
import time

from celery import current_app
from django.conf import settings

logger = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds
_down_until = 0.0


def tasks_run_in_process():
    """The embedded set-up (no broker: CELERY_TASK_ALWAYS_EAGER, the default), where work a
    worker would do runs in the process that asks for it."""
    return getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True)


def broker_is_down():
    return time.monotonic() < _down_until


def send_task(name, args=()):
    """Queue the task `name` (by name: no import of the app that defines it); False if the
    broker is, or was lately, unreachable."""
    global _down_until
    if broker_is_down():
        return False
    try:
        current_app.send_task(name, args=args)
    except Exception as error:  # kombu's and redis-py's errors alike: the broker is unusable
        _down_until = time.monotonic() + RETRY_AFTER
        logger.warning(
            "Broker unreachable (%s: %s): %s not queued; the scheduler's tick does its work, "
            "and nothing is queued for %ss",
            type(error).__name__,
            error,
            name,
            RETRY_AFTER,
        )
        return False
    return True


def forget_failures():
    """Try the broker again at once (tests, and an operator's shell after an outage)."""
    global _down_until
    _down_until = 0.0
