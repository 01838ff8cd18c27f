"""The scheduler's tick: every periodic job of the portal from one idempotent entry point.

Every scheduled job can be missed (broker down, beat stopped, worker killed), so none of them
asks "is it Friday 16:00?": each looks at what is due at `now` and does it, and the next tick
makes up for a lost one. Two ticks at once, or a tick killed half way, leave nothing done twice
or half done: each job claims its work in its own short transactions.

The tick runs Wagtail's scheduled publishing itself and sends `scheduler_tick` for the jobs of
the apps built on cchc_news, which this app must not import (bulletin: the catch-up assembly
and due deliveries; workflows: due review reminders), and last the e-mail outbox's due e-mails
(cchc_news.outbox). Each job is recorded in its own JobRun row and a failing one is logged with
its traceback and does not stop the others.
"""

import functools
import logging
import time
import traceback
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from .models import JobRun
from .signals import scheduler_tick

logger = logging.getLogger(__name__)

# JobRun names; the health panel (bulletin.health) reads the same names.
TICK = "tick"
SCHEDULED_PUBLISHING = "scheduled_publishing"
OUTBOX = "outbox"

RESULT_MAX_CHARS = 2000


@dataclass(frozen=True)
class JobOutcome:
    name: str
    succeeded: bool
    result: str = ""
    error: str = ""


class TickClock:
    """The tick's time: `start` (its `now`, perhaps a frozen one) moving on with real time.

    Jobs decide what is due at the tick's `now`; their JobRun times come from this clock, so
    that each job's start and end are when it really ran, one after another.
    """

    def __init__(self, start):
        self.start, self.started = start, time.monotonic()

    def __call__(self):
        return self.start + timedelta(seconds=time.monotonic() - self.started)


def record_job(name, **fields):
    """Set `fields` on the JobRun row `name`, created if missing."""
    # get_or_create survives two writers creating the row at once (unique name, retried get).
    JobRun.objects.get_or_create(name=name)
    JobRun.objects.filter(name=name).update(**fields)


def run_job(name, function, clock=None):
    """Run `function()` as the scheduled job `name`, recorded in JobRun("name").

    A success stores the function's return value (as text) and clears `last_error`; a failure
    is logged with its traceback, which is stored in `last_error`, and is not raised: the
    caller goes on with its other jobs. `clock` (a TickClock, default the real time) gives
    the recorded times.
    """
    clock = clock or timezone.now
    record_job(name, last_started_at=clock())
    try:
        result = function()
    except Exception as error:
        logger.exception("Scheduled job %s failed", name)
        finished = clock()
        summary = f"{type(error).__name__}: {error}"[:RESULT_MAX_CHARS]
        details = traceback.format_exc()
        record_job(name, last_finished_at=finished, last_result=summary, last_error=details)
        return JobOutcome(name, succeeded=False, result=summary, error=details)
    finished = clock()
    text = "" if result is None else str(result)[:RESULT_MAX_CHARS]
    record_job(
        name,
        last_finished_at=finished,
        last_succeeded_at=finished,
        last_result=text,
        last_error="",
    )
    return JobOutcome(name, succeeded=True, result=text)


def scheduled_job(name):
    """Make `function(now)` a receiver of scheduler_tick that runs as the recorded job `name`."""

    def decorate(function):
        @functools.wraps(function)
        def receiver(sender, now, clock=None, **kwargs):
            return run_job(name, lambda: function(now), clock)

        # Django checks that a receiver takes **kwargs, through __wrapped__ if present.
        del receiver.__wrapped__
        receiver.job_name = name
        return receiver

    return decorate


def tick(now=None):
    """Run every job that is due at `now` (default: the current time); returns their outcomes."""
    now = now or timezone.now()
    clock = TickClock(now)
    outcomes = []

    def run_all():
        outcomes.append(run_job(SCHEDULED_PUBLISHING, lambda: publish_scheduled(now), clock))
        for receiver, response in scheduler_tick.send_robust(sender=None, now=now, clock=clock):
            if isinstance(response, JobOutcome):
                outcomes.append(response)
            elif isinstance(response, Exception):  # a receiver not wrapped in scheduled_job
                logger.error("Scheduler receiver %r failed", receiver, exc_info=response)
                outcomes.append(JobOutcome(getattr(receiver, "__name__", "?"), False))
        # Last: the e-mails that the jobs above wrote go out in the same tick.
        outcomes.append(run_job(OUTBOX, send_outbox, clock))
        return tick_summary(outcomes)

    run_job(TICK, run_all, clock)
    return outcomes


def send_outbox():
    """The outbox's due e-mails: those whose task was never queued (broker down), retries."""
    from .outbox.sending import flush

    return flush()


def tick_summary(outcomes):
    failed = [outcome.name for outcome in outcomes if not outcome.succeeded]
    text = ", ".join(f"{outcome.name}: {outcome.result or '-'}" for outcome in outcomes)
    return f"FAILED {', '.join(failed)}; {text}" if failed else text


# --- Wagtail's scheduled publishing -------------------------------------------------------------


def draft_state_models():
    """Pages, and every other model with drafts (snippets), as `publish_scheduled` covers."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def publish_scheduled(now=None):
    """What `manage.py publish_scheduled` does, safe with two ticks at once.

    Wagtail's command reads every due row and then acts on it, so two runs at once publish
    an item twice (two log entries, two publication signals: two e-mails, two hub pings).
    Here each object is claimed in its own transaction with a row lock, skipping rows that
    another tick holds, and checked again under the lock: the second tick finds it done.
    """
    now = now or timezone.now()
    expired = sum(expire(model, now) for model in draft_state_models())
    published = publish_due_revisions(now)
    return f"{published} published, {expired} unpublished"


def expire(model, now):
    due = model.objects.filter(live=True, expire_at__lt=now)
    count = 0
    for pk in list(due.order_by("expire_at").values_list("pk", flat=True)):
        with transaction.atomic():
            obj = due.select_for_update(skip_locked=True).filter(pk=pk).first()
            if obj is not None:
                obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                count += 1
    return count


def publish_due_revisions(now):
    due = Revision.objects.filter(approved_go_live_at__lt=now)
    count = 0
    for pk in list(due.order_by("approved_go_live_at").values_list("pk", flat=True)):
        with transaction.atomic():
            # Publishing clears approved_go_live_at on every revision of the object.
            revision = due.select_for_update(skip_locked=True).filter(pk=pk).first()
            if revision is not None:
                revision.publish(log_action="wagtail.publish.scheduled")
                count += 1
    return count
