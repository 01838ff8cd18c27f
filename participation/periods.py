"""Reporting periods: a week, month, quarter, year or custom span of local dates.

Events are counted by the Department's calendar (TIME_ZONE, Asia/Ho_Chi_Minh), never by
the time zone an admin user chose for their own display: an item submitted at 06:00 on
1 May local time (23:00 on 30 April UTC) belongs to May.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

WEEK, MONTH, QUARTER, YEAR, CUSTOM = "week", "month", "quarter", "year", "custom"
KIND_CHOICES = [
    (WEEK, _("Week")),
    (MONTH, _("Month")),
    (QUARTER, _("Quarter")),
    (YEAR, _("Year")),
    (CUSTOM, _("Custom (from – to)")),
]
DEFAULT_KIND = MONTH
# Bounds that keep date arithmetic safe and catch typing slips such as 0226 for 2026.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
MAX_CUSTOM_DAYS = 5 * 366
ROMAN_QUARTERS = ["I", "II", "III", "IV"]


class PeriodError(ValueError):
    """A period that cannot be reported on; the message is shown to the user."""


def site_timezone():
    return timezone.get_default_timezone()


def local_today():
    return timezone.localdate(timezone=site_timezone())


def local_date(moment):
    return timezone.localdate(moment, timezone=site_timezone()) if moment else None


def local_midnight(day):
    return datetime.combine(day, time.min, tzinfo=site_timezone())


def format_day(day):
    return day.strftime("%d/%m/%Y")


def check_in_range(*days):
    if any(not EARLIEST <= day <= LATEST for day in days):
        raise PeriodError(
            gettext("Dates must be between %(earliest)s and %(latest)s.")
            % {"earliest": format_day(EARLIEST), "latest": format_day(LATEST)}
        )


def first_of_month(year, month):
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: date
    last_day: date  # inclusive

    @classmethod
    def containing(cls, kind, day):
        """The week (ISO, from Monday), month, quarter or year that contains `day`."""
        check_in_range(day)
        if kind == WEEK:
            first = day - timedelta(days=day.weekday())
            return cls(kind, first, first + timedelta(days=6))
        if kind == MONTH:
            first = day.replace(day=1)
            return cls(kind, first, first_of_month(day.year, day.month + 1) - timedelta(days=1))
        if kind == QUARTER:
            first = first_of_month(day.year, 3 * ((day.month - 1) // 3) + 1)
            return cls(kind, first, first_of_month(day.year, first.month + 3) - timedelta(days=1))
        if kind == YEAR:
            return cls(kind, date(day.year, 1, 1), date(day.year, 12, 31))
        raise PeriodError(gettext("Unknown kind of period."))

    @classmethod
    def custom(cls, first, last):
        check_in_range(first, last)
        if first > last:
            raise PeriodError(gettext("The first day of the period is after its last day."))
        if (last - first).days >= MAX_CUSTOM_DAYS:
            raise PeriodError(gettext("A custom period can cover at most five years."))
        return cls(CUSTOM, first, last)

    @property
    def start(self):
        """Local midnight opening the first day (inclusive)."""
        return local_midnight(self.first_day)

    @property
    def end(self):
        """Local midnight after the last day (exclusive)."""
        return local_midnight(self.last_day + timedelta(days=1))

    def contains(self, moment):
        return moment is not None and self.start <= moment < self.end

    def name(self):
        day = self.first_day
        if self.kind == WEEK:
            iso = day.isocalendar()
            return gettext("week %(week)d/%(year)d") % {"week": iso.week, "year": iso.year}
        if self.kind == MONTH:
            return gettext("month %(month)d/%(year)d") % {"month": day.month, "year": day.year}
        if self.kind == QUARTER:
            quarter = ROMAN_QUARTERS[(day.month - 1) // 3]
            return gettext("quarter %(quarter)s/%(year)d") % {"quarter": quarter, "year": day.year}
        if self.kind == YEAR:
            return gettext("year %(year)d") % {"year": day.year}
        return ""

    def description(self):
        dates = {"first": format_day(self.first_day), "last": format_day(self.last_day)}
        name = self.name()
        if name:
            return gettext("%(name)s (from %(first)s to %(last)s)") % {"name": name, **dates}
        return gettext("from %(first)s to %(last)s") % dates


def resolve_period(kind=None, day=None, first=None, last=None, today=None):
    """The period the user asked for; the current month when they asked for nothing.

    Raises PeriodError with a message for the user when the request cannot be met.
    """
    if not kind:
        kind = CUSTOM if (first or last) else DEFAULT_KIND
    if kind == CUSTOM:
        if not (first and last):
            raise PeriodError(gettext("Give both the first and the last day of the custom period."))
        return Period.custom(first, last)
    return Period.containing(kind, day or today or local_today())


def default_period(today=None):
    return Period.containing(DEFAULT_KIND, today or local_today())
