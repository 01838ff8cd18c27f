"""The parts of a reporting period that the chart draws: days, weeks or months, up to today.

The chart shows the period of the table and no other: the weeks at its ends are cut to the
period (so that the bars add up to the table's totals), and nothing after today is drawn.
People read the parts as they write them: "Tuần 18/2026 (01/05–03/05/2026)", "Tháng 5/2026".
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext

from .periods import first_of_month, format_day, local_today

DAY, WEEK, MONTH = "day", "week", "month"
MAX_DAYS_BY_DAY = 7  # a week's report: one bar a day
MAX_DAYS_BY_WEEK = 16 * 7  # a month or a quarter: one bar a week; longer: one a month


@dataclass(frozen=True)
class Span:
    unit: str  # DAY, WEEK or MONTH
    first_day: date
    last_day: date  # inclusive

    @property
    def days(self):
        return [
            self.first_day + timedelta(days=n)
            for n in range((self.last_day - self.first_day).days + 1)
        ]

    def name(self):
        """'Tuần 18/2026', 'Tháng 5/2026' or '04/05/2026'."""
        if self.unit == WEEK:
            iso = self.first_day.isocalendar()
            return gettext("Week %(week)d/%(year)d") % {"week": iso.week, "year": iso.year}
        if self.unit == MONTH:
            day = self.first_day
            return gettext("Month %(month)d/%(year)d") % {"month": day.month, "year": day.year}
        return format_day(self.first_day)

    def dates(self):
        """'01/05–03/05/2026', or the one day."""
        if self.first_day == self.last_day:
            return format_day(self.first_day)
        return f"{self.first_day:%d/%m}–{format_day(self.last_day)}"

    def label(self):
        """'Tuần 18/2026 (01/05–03/05/2026)': the name and the days it covers (a whole month
        needs no dates)."""
        if self.unit == DAY or (self.unit == MONTH and self.is_whole_month):
            return self.name()
        return f"{self.name()} ({self.dates()})"

    @property
    def is_whole_month(self):
        following = first_of_month(self.first_day.year, self.first_day.month + 1)
        return self.first_day.day == 1 and self.last_day == following - timedelta(days=1)

    def tick(self):
        """The short mark under the bar: '18' (week), '5/2026' (month), '04/05' (day)."""
        if self.unit == WEEK:
            return str(self.first_day.isocalendar().week)
        if self.unit == MONTH:
            return f"{self.first_day.month}/{self.first_day.year}"
        return f"{self.first_day:%d/%m}"


def unit_for(period):
    days = (period.last_day - period.first_day).days + 1
    if days <= MAX_DAYS_BY_DAY:
        return DAY
    return WEEK if days <= MAX_DAYS_BY_WEEK else MONTH


def next_start(unit, day):
    if unit == DAY:
        return day + timedelta(days=1)
    if unit == WEEK:
        return day - timedelta(days=day.weekday()) + timedelta(weeks=1)
    return first_of_month(day.year, day.month + 1)


def period_spans(period, today=None):
    """The period cut into days, ISO weeks or months, each cut to the period and to today."""
    unit = unit_for(period)
    last = min(period.last_day, today or local_today())
    spans, day = [], period.first_day
    while day <= last:
        following = next_start(unit, day)
        spans.append(Span(unit, day, min(following - timedelta(days=1), last)))
        day = following
    return spans
