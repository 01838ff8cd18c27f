"""The readiness checks: one django-health-check check per component of the portal.

Each check's repr is its component's name (the key of /readyz's JSON) and each failure is a
ServiceUnavailable with a short, translatable reason that names no host, address or secret
(/readyz answers anyone who reaches it). The library runs the checks at once: a hung Redis
costs one timeout, not the sum of them. Checks that read the portal's rows run in the
request's own thread (asgiref's thread-sensitive executor), on the request's database
connection; the network checks run in threads of their own.

In the embedded set-up (no broker: Celery runs tasks in-process) the broker and the worker are
not used and say so; the scheduler is then `manage.py run_scheduler`, which records the same
heartbeat as Celery beat (cchc_news.heartbeat).
"""

import asyncio
import dataclasses
import datetime
import logging

from asgiref.sync import async_to_sync, sync_to_async
from celery import Celery
from django.conf import settings
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from health_check import Cache, Database, HealthCheck
from health_check.contrib.celery import Ping
from health_check.exceptions import HealthCheckException, ServiceUnavailable

from bulletin.health import local_time, minutes_text, overdue_weeks, stale_after
from cchc_news.heartbeat import last_heartbeat
from portal.celery import app as celery_app

logger = logging.getLogger(__name__)

NOT_USED = _("not used: tasks run in-process")


def reason(words):
    """A failure's reason put into words when shown, not in the thread that ran the check
    (a thread of the library's executor has no active language): English on /readyz, the
    user's language on the dashboard. `words` is a function that returns the text."""
    return lazy(words, str)()


def probe_timeout():
    return datetime.timedelta(seconds=settings.PORTAL_HEALTH_TIMEOUT)


class Component:
    """A check's name (its JSON key), its label on the dashboard, and a note said instead of
    "OK" (a component that this set-up does not use)."""

    name = ""
    label = ""
    note = ""

    def __repr__(self):
        return self.name

    def pretty_status(self):
        return str(self.note) if self.note else "OK"


class InRequestThread(HealthCheck):
    """Runs `probe()` in the request's thread: its database connection, and a test's
    transaction, are those of the request."""

    async def run(self):
        await sync_to_async(self.probe, thread_sensitive=True)()

    def probe(self):
        raise NotImplementedError


class DatabaseCheck(Component, Database):
    name, label = "database", _("Database")

    def run(self):
        try:
            super().run()  # SELECT 1 on a connection of its own
        except HealthCheckException as error:
            raise ServiceUnavailable(_("the database does not answer")) from error


class CacheCheck(Component, Cache):
    """Writes a key and reads it back. The portal's Redis cache does not raise while Redis is
    unreachable (portal.cache): it answers "not cached", which the round trip catches."""

    name, label = "cache", _("Cache")

    async def run(self):
        try:
            await super().run()
        except HealthCheckException as error:
            raise ServiceUnavailable(
                _("a value written to the cache did not come back (Redis unreachable?)")
            ) from error


def reach_broker(connection, timeout):
    """Connect to the broker once, with no retry (kombu's default waits seconds between)."""
    connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)


@dataclasses.dataclass(repr=False)
class BrokerCheck(Component, HealthCheck):
    name, label = "broker", _("Task broker")
    app: Celery = dataclasses.field(default_factory=lambda: celery_app, repr=False)
    timeout: datetime.timedelta = dataclasses.field(default_factory=probe_timeout, repr=False)

    def run(self):
        if self.app.conf.task_always_eager:
            self.note = NOT_USED
            return
        try:
            with self.app.connection_for_read() as connection:
                reach_broker(connection, self.timeout.total_seconds())
        except Exception as error:  # kombu's and the transport's errors alike
            logger.warning("Health check: broker unreachable: %r", error)
            raise ServiceUnavailable(_("the broker does not answer")) from error


@dataclasses.dataclass(repr=False)
class WorkerCheck(Component, Ping):
    """At least one worker answers a ping and consumes the task queue. The first answer ends
    the wait; with no worker the check waits the whole timeout."""

    name, label = "worker", _("Background worker")
    app: Celery = dataclasses.field(default_factory=lambda: celery_app, repr=False)
    timeout: datetime.timedelta = dataclasses.field(default_factory=probe_timeout, repr=False)
    limit: int | None = dataclasses.field(default=1, repr=False)

    def run(self):
        if self.app.conf.task_always_eager:
            self.note = NOT_USED
            return
        seconds = self.timeout.total_seconds()
        replies = self.ping(seconds)
        if not replies:
            raise ServiceUnavailable(
                reason(lambda: _("no worker answered within %(seconds)g s") % {"seconds": seconds})
            )
        try:
            self.check_active_queues(*self.active_workers(replies))
        except Exception as error:  # the library's own messages are English
            logger.warning("Health check: no worker for the task queue: %r", error)
            raise ServiceUnavailable(_("no worker consumes the task queue")) from error

    def ping(self, seconds):
        try:
            # Reached first with no retry: a ping through a broker that is down would wait
            # for kombu's reconnection instead of the timeout.
            with self.app.connection_for_write() as connection:
                reach_broker(connection, seconds)
                return self.app.control.ping(
                    timeout=seconds, limit=self.limit, connection=connection
                )
        except Exception as error:  # kombu's and the transport's errors alike
            logger.warning("Health check: worker ping failed: %r", error)
            raise ServiceUnavailable(_("the broker does not answer")) from error


class BeatCheck(Component, InRequestThread):
    """The scheduler (Celery beat or run_scheduler) recorded its heartbeat lately: within the
    scheduler's staleness limit of the office's cycle health (bulletin.health.stale_after)."""

    name, label = "beat", _("Scheduler (beat)")

    def probe(self):
        beat = last_heartbeat()
        if beat is None:
            raise ServiceUnavailable(_("the scheduler has never recorded its heartbeat"))
        limit = stale_after()
        if timezone.now() - beat > limit:
            raise ServiceUnavailable(
                reason(
                    lambda: (
                        _("no heartbeat since %(when)s (more than %(limit)s)")
                        % {"when": local_time(beat), "limit": minutes_text(limit)}
                    )
                )
            )


class AssemblyCheck(Component, InRequestThread):
    """No past week is overdue: bulletin.health's own reading (cut-off plus its grace)."""

    name, label = "assembly", _("Weekly bulletin assembly")

    def probe(self):
        overdue = overdue_weeks()
        if overdue:
            raise ServiceUnavailable(
                reason(
                    lambda: (
                        _("overdue, no bulletin: %(weeks)s")
                        % {"weeks": ", ".join(warning.week.label() for warning in overdue)}
                    )
                )
            )


def readiness_checks():
    """New instances of the checks of PORTAL_READINESS_CHECKS (a check keeps its note)."""
    return [import_string(path)() for path in settings.PORTAL_READINESS_CHECKS]


async def _gather(checks):
    return await asyncio.gather(*(check.get_result() for check in checks))


def run_checks():
    """Run every readiness check at once; their results (django-health-check's), in order.

    For callers outside an event loop (the dashboard); /readyz is the library's own view.
    """
    return async_to_sync(_gather)(readiness_checks())
