"""The weekly cut-off: items approved before it go into that week's bulletin.

The cut-off is the weekly assembly's crontab (BULLETIN_SCHEDULE, bulletin.conf, default
Friday 16:00) read in the site's time zone. The bulletin app owns it: assembly cuts weeks
with it (bulletin.weeks), and it tells cchc_news's editor what to show through the
"cchc_news_cutoff" hook (bulletin.wagtail_hooks, cchc_news.cutoff).
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from cchc_news.cutoff import Cutoff
from cchc_news.moments import moment_text

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


def cutoff_for_editors(now=None):
    """The next cut-off as editors read it: “This week's cut-off: 16:00 Friday, 27/11/2026”,
    and “Items approved before 16:00 Friday, 27/11/2026 go into this week's bulletin.”"""
    at = next_cutoff(now)
    when = moment_text(at)
    return Cutoff(
        at=at,
        label=gettext("This week's cut-off:"),
        when=when,
        explanation=gettext("Items approved before %(when)s go into this week's bulletin.")
        % {"when": when},
    )
