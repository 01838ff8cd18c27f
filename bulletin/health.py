"""The weekly cycle's health, as the CCHC office reads it: is the scheduler ticking, how did
the last assembly go, when is the next cut-off, and has every past week got its bulletin?

Read from what the jobs record (`cchc_news.models.JobRun`, one row per job, written by the
scheduler's tick) and from the bulletins and items themselves, so a week that was missed
shows up whatever the reason (broker down, beat stopped, worker killed, a failing job).
Five queries whatever the number of weeks, items or jobs.

A job's last run failed when it recorded an error and has not succeeded since: its
`last_error` is set and `last_succeeded_at` is older than `last_finished_at` (or missing),
which holds whether or not the scheduler clears `last_error` on success.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cchc_news import conf as cchc_conf
from cchc_news.models import JobRun
from cchc_news.scheduler import SCHEDULED_PUBLISHING, TICK

from .assembly import eligible_items
from .catch_up import ASSEMBLY_JOB, DELIVERIES_JOB, bulletins_of, past_weeks
from .cutoff import next_cutoff
from .models import BulletinPage
from .weeks import Week

# The jobs of the tick as the office calls them, in the order it reads them (the names are
# cchc_news.scheduler's, bulletin.catch_up's, workflows.reminders' and subscriptions'); a job
# not listed here is still reported, by its name.
JOB_LABELS = {
    TICK: gettext_lazy("scheduler"),
    ASSEMBLY_JOB: gettext_lazy("bulletin assembly"),
    DELIVERIES_JOB: gettext_lazy("delivery to the central e-bulletin"),
    "reminders": gettext_lazy("reminders"),
    "bulletin_mailings": gettext_lazy("bulletin e-mails to subscribers"),
    "subscriber_retention": gettext_lazy("deleting unconfirmed subscriptions"),
    "sent_email_retention": gettext_lazy("deleting old e-mails to subscribers"),
    SCHEDULED_PUBLISHING: gettext_lazy("scheduled publishing"),
}

# A week's bulletin is due this long after its cut-off: a tick a minute assembles it in
# seconds, so a quarter of an hour means the cycle is broken, not slow.
ASSEMBLY_GRACE = timedelta(minutes=15)
# The scheduler is late after five ticks, and never before five minutes: one or two ticks
# can be lost to a worker restart (a deploy) or wait behind a long job on a single-process
# worker, and a warning that comes and goes with them would teach the office to ignore it.
# Five minutes is still well inside the assembly's grace, so the office hears that the
# scheduler stopped before the week's bulletin is late.
MIN_STALE_AFTER = timedelta(minutes=5)
STALE_TICKS = 5


def tick_interval():
    return timedelta(seconds=cchc_conf.get("CCHC_TICK_SECONDS"))


def stale_after():
    return max(MIN_STALE_AFTER, STALE_TICKS * tick_interval())


def local_time(moment):
    """dd/mm/YYYY HH:MM in the site's time zone (Asia/Ho_Chi_Minh)."""
    return date_format(timezone.localtime(moment), "d/m/Y H:i")


@dataclass(frozen=True)
class JobStatus:
    name: str
    started_at: datetime | None
    finished_at: datetime | None
    succeeded_at: datetime | None
    result: str
    error: str

    @classmethod
    def of(cls, run):
        return cls(
            name=run.name,
            started_at=run.last_started_at,
            finished_at=run.last_finished_at,
            succeeded_at=run.last_succeeded_at,
            result=run.last_result,
            error=run.last_error,
        )

    @property
    def label(self):
        return str(JOB_LABELS.get(self.name, self.name))

    @property
    def at(self):
        """When it last ran: its end, or its start while the first run is under way."""
        return self.finished_at or self.started_at

    @property
    def failed(self):
        if not self.error:
            return False
        if self.succeeded_at is None:
            return True
        return self.finished_at is not None and self.succeeded_at < self.finished_at

    @property
    def result_text(self):
        """What it did; the scheduler writes "-" when there was nothing to do."""
        return "" if self.result.strip() in ("", "-") else self.result.strip()

    @property
    def error_summary(self):
        """The error's last line (a traceback ends with the exception), shortened."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        text = lines[-1].strip() if lines else ""
        return text if len(text) <= 300 else text[:299] + "…"


@dataclass(frozen=True)
class HealthWarning:
    """Something the office should act on; `week` / `bulletin_id` say where."""

    kind: str  # never_ticked | stale_tick | job_failed | missed_week | draft_bulletin
    message: str
    week: Week | None = None
    bulletin_id: int | None = None


@dataclass
class CycleHealth:
    now: datetime
    next_cutoff: datetime
    tick: JobStatus | None = None
    assembly: JobStatus | None = None
    latest_bulletin: BulletinPage | None = None
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.warnings


def cycle_health(now=None):
    now = now or timezone.now()
    runs = {run.name: JobStatus.of(run) for run in JobRun.objects.all()}  # one row per job
    health = CycleHealth(
        now=now,
        next_cutoff=next_cutoff(now),
        tick=runs.get(TICK),
        assembly=runs.get(ASSEMBLY_JOB),
        latest_bulletin=latest_issued_bulletin(),
    )
    health.warnings += scheduler_warnings(health.tick, now)
    health.warnings += [
        HealthWarning(
            "job_failed",
            _("The last run of “%(job)s” failed at %(when)s: %(error)s")
            % {"job": job.label, "when": local_time(job.at), "error": job.error_summary},
        )
        for job in sorted(runs.values(), key=job_order)
        if job.failed
    ]
    health.warnings += week_warnings(past_weeks(now), now)
    return health


def overdue_weeks(now=None):
    """The "missed_week" warnings of cycle_health alone, oldest first: past weeks with items
    waiting and no bulletin although their cut-off and its grace have passed. A week whose
    bulletin was assembled and left a draft is not overdue: the assembly ran, publishing it
    is the office's call (cycle_health still tells the office about it).
    """
    now = now or timezone.now()
    warnings = week_warnings(past_weeks(now), now)
    return [warning for warning in warnings if warning.kind == "missed_week"]


def job_order(job):
    names = list(JOB_LABELS)
    return (names.index(job.name), "") if job.name in names else (len(names), job.name)


def latest_issued_bulletin():
    return (
        BulletinPage.objects.filter(first_published_at__isnull=False)
        .order_by("-iso_year", "-iso_week")
        .only("title", "iso_year", "iso_week", "first_published_at")
        .first()
    )


def scheduler_warnings(tick, now):
    if tick is None or tick.at is None:
        return [
            HealthWarning(
                "never_ticked",
                _(
                    "The scheduler has never run: no bulletin is assembled, no delivery "
                    "retried and no reminder sent by itself."
                ),
            )
        ]
    if now - tick.at > stale_after():
        return [
            HealthWarning(
                "stale_tick",
                _(
                    "The scheduler has not run since %(when)s (it should run every "
                    "%(minutes)s): nothing scheduled happens until it runs again."
                )
                % {"when": local_time(tick.at), "minutes": minutes_text(tick_interval())},
            )
        ]
    return []


def minutes_text(interval):
    seconds = int(interval.total_seconds())
    if seconds % 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    minutes = seconds // 60
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def week_warnings(weeks, now):
    """Weeks past their cut-off and its grace with a draft bulletin, or with none while items
    wait for one.

    Replays the scheduler's catch-up over the same weeks (bulletin.catch_up, oldest first): a
    week takes every item first published before its cut-off that is in no bulletin, so items
    older than an issued week's cut-off wait for the next week without one and count there.
    """
    if not weeks:
        return []
    cutoffs = [week.cutoff() for week in weeks]
    bulletins = bulletins_of(weeks)
    counts = waiting_counts(cutoffs)
    warnings, waiting = [], 0
    for week, cutoff, count in zip(weeks, cutoffs, counts, strict=True):
        waiting += count
        bulletin = bulletins.get((week.iso_year, week.iso_week))
        if (bulletin is not None and bulletin.is_issued()) or cutoff > now - ASSEMBLY_GRACE:
            continue
        if bulletin is not None:
            warnings.append(draft_warning(week, bulletin))
        elif waiting:
            warnings.append(missed_warning(week, cutoff, waiting))
        waiting = 0
    return warnings


def waiting_counts(cutoffs):
    """Items in no bulletin first published before each cut-off and after the one before."""
    buckets = {}
    for index, cutoff in enumerate(cutoffs):
        published = Q(first_published_at__lt=cutoff)
        if index:
            published &= Q(first_published_at__gte=cutoffs[index - 1])
        buckets[f"week_{index}"] = Count("pk", filter=published)
    totals = eligible_items(cutoffs[-1]).order_by().aggregate(**buckets)
    return [totals[f"week_{index}"] for index in range(len(cutoffs))]


def missed_warning(week, cutoff, waiting):
    return HealthWarning(
        "missed_week",
        ngettext(
            "%(week)s has no published bulletin although its cut-off (%(cutoff)s) has passed: "
            "%(count)d item is waiting for it.",
            "%(week)s has no published bulletin although its cut-off (%(cutoff)s) has passed: "
            "%(count)d items are waiting for it.",
            waiting,
        )
        % {"week": week.label(), "cutoff": local_time(cutoff), "count": waiting},
        week=week,
    )


def draft_warning(week, bulletin):
    return HealthWarning(
        "draft_bulletin",
        _("%(week)s: %(title)s was assembled but has never been published.")
        % {"week": week.label(), "title": bulletin.title},
        week=week,
        bulletin_id=bulletin.pk,
    )
