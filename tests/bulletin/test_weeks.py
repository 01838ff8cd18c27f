from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bulletin.weeks import Week

from .conftest import local

UTC = ZoneInfo("UTC")


def test_cutoff_and_period_of_an_ordinary_week():
    week = Week(2026, 48)
    assert week.cutoff() == local(2026, 11, 27, 16, 0)
    assert week.period() == (local(2026, 11, 20, 16, 0), local(2026, 11, 27, 16, 0))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Sunday 23:59 local is still the old week; one minute later the new one.
        (local(2026, 11, 29, 23, 59), Week(2026, 48)),
        (local(2026, 11, 30, 0, 0), Week(2026, 49)),
        # 17:00 UTC on Sunday is Monday 00:00 in Ho Chi Minh City.
        (datetime(2026, 11, 29, 17, 0, tzinfo=UTC), Week(2026, 49)),
        (datetime(2026, 11, 29, 16, 59, tzinfo=UTC), Week(2026, 48)),
        # ISO years: 2026 has 53 weeks; 1 January 2027 (Friday) is in 2026-W53.
        (local(2026, 12, 31, 12, 0), Week(2026, 53)),
        (local(2027, 1, 1, 12, 0), Week(2026, 53)),
        (local(2027, 1, 4, 0, 0), Week(2027, 1)),
        # 29 December 2025 (Monday) already belongs to 2026-W01.
        (local(2025, 12, 29, 8, 0), Week(2026, 1)),
    ],
)
def test_week_containing_a_moment_in_local_time(moment, expected):
    assert Week.containing(moment) == expected


def test_week_53_cutoff_falls_on_new_years_day():
    assert Week(2026, 53).cutoff() == local(2027, 1, 1, 16, 0)
    assert Week(2026, 53).next() == Week(2027, 1)
    assert Week(2027, 1).previous() == Week(2026, 53)
    assert Week(2027, 1).period() == (local(2027, 1, 1, 16, 0), local(2027, 1, 8, 16, 0))


def test_week_1_of_2026_starts_in_december_2025():
    assert Week(2026, 1).start() == local(2025, 12, 29, 0, 0)
    assert Week(2026, 1).cutoff() == local(2026, 1, 2, 16, 0)


@pytest.mark.parametrize("text", ["2026-W48", "2026W48", "2026-w48"])
def test_parse_week(text):
    assert Week.parse(text) == Week(2026, 48)


@pytest.mark.parametrize("text", ["2025-W53", "2026-48", "W48", "2026-W0", "2026-W54"])
def test_parse_rejects_bad_weeks(text):
    with pytest.raises(ValueError):
        Week.parse(text)


def test_str():
    assert str(Week(2026, 5)) == "2026-W05"


def test_a_week_is_labelled_as_people_write_it_with_its_period():
    assert Week(2026, 49).label() == "Tuần 49/2026 (27/11–04/12/2026)"
    assert Week(2027, 1).label() == "Tuần 1/2027 (01/01–08/01/2027)"
