"""The weekly cut-off: items approved before it go into that week's bulletin.

The cut-off is the weekly assembly's crontab (BULLETIN_SCHEDULE, cchc_news.conf, default
Friday 16:00) read in the site's time zone. It lives here, below workflows/ and
bulletin/, because editors see it while writing and the assembly uses it to cut weeks.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from . import conf

SEARCH_DAYS = 400  # a crontab fires at least once a year unless it names 29 February


def crontab_days(schedule, day):
    """Whether the crontab fires on `day` (Celery ANDs day-of-month and day-of-week)."""
    return (
        day.month in schedule.month_of_year
        and day.day in schedule.day_of_month
        and day.isoweekday() % 7 in schedule.day_of_week  # Celery: Sunday is 0
    )


def firings_on(schedule, day):
    tz = timezone.get_current_timezone()
    for hour in sorted(schedule.hour):
        for minute in sorted(schedule.minute):
            yield datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def next_cutoff(now=None, schedule=None):
    """The first cut-off strictly after `now`, as an aware local datetime."""
    schedule = schedule or conf.cutoff_crontab()
    now = timezone.localtime(now or timezone.now())
    for offset in range(SEARCH_DAYS):
        day = now.date() + timedelta(days=offset)
        if crontab_days(schedule, day):
            for moment in firings_on(schedule, day):
                if moment > now:
                    return moment
    raise ValueError("BULLETIN_SCHEDULE never fires")


def previous_cutoff(now=None, schedule=None):
    """The last cut-off at or before `now`, as an aware local datetime."""
    schedule = schedule or conf.cutoff_crontab()
    now = timezone.localtime(now or timezone.now())
    for offset in range(SEARCH_DAYS):
        day = now.date() - timedelta(days=offset)
        if crontab_days(schedule, day):
            for moment in reversed(list(firings_on(schedule, day))):
                if moment <= now:
                    return moment
    raise ValueError("BULLETIN_SCHEDULE never fires")


def cutoff_message(now=None):
    """“Approved by 16:00 Friday 27/11/2026 → this week's bulletin”, for editors."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    return gettext("approved by %(when)s → this week's bulletin") % {
        "when": date_format(next_cutoff(now), "H:i, l d/m/Y")
    }


def cutoff_parts(now=None):
    """(“This week's cut-off:”, “16:00, Friday 27/11/2026”), shown beside the editor's buttons."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    return gettext("This week's cut-off:"), date_format(next_cutoff(now), "H:i, l d/m/Y")


def cutoff_line(now=None):
    return " ".join(cutoff_parts(now))
