"""Periods in local dates (Asia/Ho_Chi_Minh), and how durations and figures read."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import translation

from participation.display import duration_in_days, format_duration
from participation.periods import (
    CUSTOM,
    MONTH,
    QUARTER,
    WEEK,
    YEAR,
    Period,
    PeriodError,
    resolve_period,
)


@pytest.mark.parametrize(
    ("kind", "day", "first", "last"),
    [
        (WEEK, date(2026, 5, 6), date(2026, 5, 4), date(2026, 5, 10)),
        (WEEK, date(2026, 1, 1), date(2025, 12, 29), date(2026, 1, 4)),
        (MONTH, date(2026, 2, 14), date(2026, 2, 1), date(2026, 2, 28)),
        (MONTH, date(2028, 2, 14), date(2028, 2, 1), date(2028, 2, 29)),
        (MONTH, date(2026, 12, 31), date(2026, 12, 1), date(2026, 12, 31)),
        (QUARTER, date(2026, 5, 12), date(2026, 4, 1), date(2026, 6, 30)),
        (QUARTER, date(2026, 11, 27), date(2026, 10, 1), date(2026, 12, 31)),
        (YEAR, date(2026, 5, 12), date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_period_containing_a_day(kind, day, first, last):
    period = Period.containing(kind, day)
    assert (period.first_day, period.last_day) == (first, last)


def test_bounds_are_local_midnights():
    may = Period.containing(MONTH, date(2026, 5, 12))
    # 00:00 on 1 May in Ho Chi Minh City is 17:00 on 30 April UTC.
    assert may.start == datetime(2026, 4, 30, 17, 0, tzinfo=UTC)
    assert may.end == datetime(2026, 5, 31, 17, 0, tzinfo=UTC)
    assert not may.contains(datetime(2026, 4, 30, 16, 59, tzinfo=UTC))  # 23:59 on 30 April
    assert may.contains(datetime(2026, 4, 30, 23, 0, tzinfo=UTC))  # 06:00 on 1 May
    assert may.contains(datetime(2026, 5, 31, 16, 59, tzinfo=UTC))  # 23:59 on 31 May
    assert not may.contains(datetime(2026, 5, 31, 17, 0, tzinfo=UTC))


def test_resolve_period_defaults_and_custom():
    today = date(2026, 11, 27)
    assert resolve_period(today=today) == Period(MONTH, date(2026, 11, 1), date(2026, 11, 30))
    assert resolve_period(QUARTER, today=today).first_day == date(2026, 10, 1)
    assert resolve_period(first=date(2026, 1, 5), last=date(2026, 2, 5)) == Period(
        CUSTOM, date(2026, 1, 5), date(2026, 2, 5)
    )
    for bad in [
        {"kind": CUSTOM, "first": date(2026, 1, 5)},
        {"kind": CUSTOM, "first": date(2026, 2, 5), "last": date(2026, 1, 5)},
        {"kind": CUSTOM, "first": date(2015, 1, 1), "last": date(2026, 1, 1)},
        {"kind": MONTH, "day": date(1999, 12, 31)},
        {"kind": "fortnight"},
    ]:
        with pytest.raises(PeriodError):
            resolve_period(today=today, **bad)


def test_period_descriptions():
    with translation.override("en"):
        assert Period.containing(QUARTER, date(2026, 5, 1)).description() == (
            "quarter II/2026 (from 01/04/2026 to 30/06/2026)"
        )
        assert Period.containing(WEEK, date(2026, 5, 6)).description() == (
            "week 19/2026 (from 04/05/2026 to 10/05/2026)"
        )
        assert Period.custom(date(2026, 5, 1), date(2026, 5, 3)).description() == (
            "from 01/05/2026 to 03/05/2026"
        )


@pytest.mark.parametrize(
    ("duration", "text", "days"),
    [
        (timedelta(days=4, hours=2), "4 days 2 hours", 4.08),
        (timedelta(days=1), "1 day", 1.0),
        (timedelta(hours=5, minutes=31), "6 hours", 0.23),
        (timedelta(minutes=20), "less than an hour", 0.01),
        (timedelta(days=2, hours=12, minutes=59), "2 days 13 hours", 2.54),
    ],
)
def test_durations_read_in_days_and_hours(duration, text, days):
    with translation.override("en"):
        assert format_duration(duration) == text
    assert duration_in_days(duration) == days
    assert format_duration(None) == "" and duration_in_days(None) is None
