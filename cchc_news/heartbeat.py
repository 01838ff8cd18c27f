"""The scheduler's heartbeat: the process that wakes the tick (Celery beat, or
`manage.py run_scheduler` in the embedded set-up) says that it is alive.

The tick's own JobRun row is written by whoever runs the tick (the worker, with a broker), so
it cannot tell a stopped beat from a stopped worker; this row is written by the scheduler
itself, in the database (it survives a Redis restart), as the JobRun named BEAT: its
`last_succeeded_at` is the last heartbeat and `last_result` says which scheduler wrote it.
"""

import logging
import os
import socket
import time

from django.utils import timezone

from .models import JobRun
from .scheduler import record_job

logger = logging.getLogger(__name__)

BEAT = "beat"  # the JobRun name
# At most one write this often: beat may wake many times a minute (one wake per due entry).
HEARTBEAT_EVERY = 30  # seconds


def record_heartbeat(source, now=None):
    """Write the heartbeat now; `source` names the scheduler (shown to operators)."""
    now = now or timezone.now()
    fields = {
        "last_started_at": now,
        "last_finished_at": now,
        "last_succeeded_at": now,
        "last_result": f"{source} (pid {os.getpid()} on {socket.gethostname()})"[:2000],
        "last_error": "",
    }
    record_job(BEAT, **fields)


def last_heartbeat():
    """When the scheduler last recorded its heartbeat, or None if it never did."""
    return JobRun.objects.filter(name=BEAT).values_list("last_succeeded_at", flat=True).first()


class Heartbeat:
    """Records the heartbeat when called, at most once every `every` seconds.

    Never raises: a scheduler must go on waking the tick while the database is unreachable
    (the tick itself records that failure); the heartbeat simply goes stale.
    """

    def __init__(self, source, every=HEARTBEAT_EVERY, clock=time.monotonic):
        self.source, self.every, self.clock = source, every, clock
        self._last = None

    def __call__(self):
        if self._last is not None and self.clock() - self._last < self.every:
            return False
        try:
            record_heartbeat(self.source)
        except Exception:
            logger.exception("Could not record the scheduler's heartbeat")
            return False
        self._last = self.clock()
        return True
