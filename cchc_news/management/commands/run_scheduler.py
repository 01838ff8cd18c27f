"""`manage.py run_scheduler`: the scheduler of the embedded set-up (no broker, no beat).

Calls the scheduler's tick in this process every CCHC_TICK_SECONDS, and once more exactly at
the weekly cut-off (when an installed app supplies one: cchc_news.cutoff), as Celery beat does
with a broker; `make run` starts it beside the web server. Safe beside a Celery beat (each job
is idempotent), and safe to stop at any moment: SIGTERM lets the tick under way finish, Ctrl-C
stops at once (a tick cut short is made up by the next one). Before each tick it records the
scheduler's heartbeat (cchc_news.heartbeat), as the host's Celery beat does.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from cchc_news import conf, scheduler
from cchc_news.cutoff import next_cutoff
from cchc_news.heartbeat import Heartbeat

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the scheduler's tick now and then every N seconds (the embedded set-up)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            metavar="N",
            help="seconds between ticks (default: CCHC_TICK_SECONDS, 60)",
        )
        parser.add_argument("--once", action="store_true", help="run one tick and exit")

    def handle(self, *args, interval=None, once=False, **options):
        interval = interval if interval is not None else conf.get("CCHC_TICK_SECONDS")
        if interval <= 0:
            raise CommandError("--interval must be positive")
        heartbeat = Heartbeat("run_scheduler")
        if once:
            heartbeat()
            self.run_tick()
            return
        stop = threading.Event()
        # SIGTERM (honcho, systemd, docker stop): finish the tick under way, then stop.
        # Ctrl-C in a terminal stops at once; a tick cut short is made up by the next one.
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
        self.stdout.write(f"Scheduler: a tick every {interval:g} s and at each cut-off")
        try:
            while not stop.is_set():
                try:
                    close_old_connections()  # as around a request: none kept past its age
                    heartbeat()
                    self.run_tick()
                    close_old_connections()
                except Exception:  # e.g. the database unreachable: try again next time
                    logger.exception("Scheduler tick failed")
                stop.wait(self.seconds_to_next_tick(interval))
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write("Scheduler stopped")

    def run_tick(self):
        outcomes = scheduler.tick()
        failed = [outcome.name for outcome in outcomes if not outcome.succeeded]
        line = f"{timezone.localtime():%Y-%m-%d %H:%M:%S} tick: {scheduler.tick_summary(outcomes)}"
        self.stdout.write(self.style.ERROR(line) if failed else line)

    def seconds_to_next_tick(self, interval):
        """The interval, or less when the cut-off comes first (the week is assembled on time)."""
        cutoff = next_cutoff()
        if cutoff is None:
            return interval
        until_cutoff = (cutoff.at - timezone.now()).total_seconds()
        return max(0.0, min(interval, until_cutoff + 0.5))
