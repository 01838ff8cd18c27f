"""Catching up on missed weeks: the scheduler's tick assembles every week that is due.

A week is due once its cut-off has passed; the tick (every minute, and once exactly at the
cut-off) assembles each due week that has no issued bulletin while items wait for one,
oldest first, so that each bulletin takes the items of its own week and the numbers follow
the weeks. A weekly run lost to a broker outage, a stopped beat or a killed worker is thus
made up by the next tick, minutes later. Only the latest BULLETIN_CATCH_UP_WEEKS weeks are
looked at: older items that never reached a bulletin go into the oldest of them.

Running it again changes nothing: an issued week is skipped, and a week with nothing
waiting is not even assembled (assembly would save a new revision each time). A draft
bulletin (BULLETIN_AUTO_PUBLISH off) is the office's to publish and is left alone.
"""

from django.db.models import Q
from django.utils import timezone

from . import conf
from .assembly import assemble, auto_publish, eligible_items
from .models import BulletinPage
from .weeks import Week

# JobRun names of the bulletin's scheduled jobs (bulletin.health reads the same names).
ASSEMBLY_JOB = "assembly"
DELIVERIES_JOB = "deliveries"


def catch_up_weeks():
    return conf.get("BULLETIN_CATCH_UP_WEEKS")


def past_weeks(now):
    """The latest BULLETIN_CATCH_UP_WEEKS weeks whose cut-off has passed at `now`, oldest first."""
    weeks, week = [], Week.containing(now)
    while len(weeks) < catch_up_weeks():
        if week.cutoff() <= now:  # every week before the current one has passed its cut-off
            weeks.append(week)
        week = week.previous()
    return weeks[::-1]


def bulletins_of(weeks):
    """The bulletins of `weeks` (issued or draft), by (iso_year, iso_week), in one query."""
    condition = Q(pk__in=[])
    for week in weeks:
        condition |= Q(iso_year=week.iso_year, iso_week=week.iso_week)
    bulletins = BulletinPage.objects.filter(condition).only(
        "title", "iso_year", "iso_week", "first_published_at"
    )
    return {(bulletin.iso_year, bulletin.iso_week): bulletin for bulletin in bulletins}


def needs_assembly(week, bulletin):
    if bulletin is None:
        # Asked again for each week, after the weeks before it have taken their items.
        return eligible_items(week.cutoff()).exists()
    # Never published: assembled while auto-publish was off, or saved by hand. Published
    # automatically when that is the setting; otherwise the office's to publish.
    return not bulletin.is_issued() and auto_publish()


def assemble_due_weeks(now=None):
    """Assemble every due week, oldest first; returns a line per week assembled."""
    now = now or timezone.now()
    weeks = past_weeks(now)
    bulletins = bulletins_of(weeks)
    lines = []
    for week in weeks:
        if needs_assembly(week, bulletins.get((week.iso_year, week.iso_week))):
            lines.append(f"{week.label()}: {assemble(week, now=now).message}")
    return "\n".join(lines) or "-"
