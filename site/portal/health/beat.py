"""Celery beat that records its heartbeat (cchc_news.heartbeat) for /readyz and the dashboard:

    celery -A portal beat -S portal.health.beat.HeartbeatScheduler \
        --schedule var/celerybeat-schedule

The stock PersistentScheduler (the schedule's last runs kept in the --schedule file), plus a
heartbeat written to the database after each pass of its loop, at most every HEARTBEAT_EVERY
seconds. Beat sleeps until its next due entry, never longer than its max interval (five
minutes by default): capped here to the heartbeat's period so that the heartbeat keeps its pace
whatever the schedule.
"""

import contextlib

from celery.beat import PersistentScheduler
from django.db import close_old_connections

from cchc_news.heartbeat import HEARTBEAT_EVERY, Heartbeat


class HeartbeatScheduler(PersistentScheduler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_interval = min(self.max_interval, HEARTBEAT_EVERY)
        self.heartbeat = Heartbeat("celery beat")

    def tick(self, *args, **kwargs):
        interval = super().tick(*args, **kwargs)
        # A long-lived process outside any request: first drop a connection that the
        # database closed (a restart) or that is past its age.
        # Nothing may escape: an exception here would stop beat, and with it every tick.
        with contextlib.suppress(Exception):
            close_old_connections()
        self.heartbeat()  # never raises: logs and tries again on a later pass
        return interval
