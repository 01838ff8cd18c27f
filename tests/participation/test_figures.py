"""The figures against the constructed data set (conftest.py) and its known answers."""

from datetime import date, timedelta

import pytest

from cchc_news.models import Agency
from participation.figures import median, participation, totals
from participation.periods import MONTH, WEEK, Period

pytestmark = pytest.mark.django_db

MAY = Period.containing(MONTH, date(2026, 5, 12))


def figures(period, agencies=None):
    agencies = Agency.objects.filter(active=True) if agencies is None else agencies
    return {row.agency.code: columns(row) for row in participation(agencies, period)}


def columns(row):
    return (
        row.submissions,
        row.submitted_items,
        row.approved,
        row.sent_back,
        row.published,
        row.in_bulletins,
        row.median_to_publication,
        row.last_contribution_date,
    )


def test_every_column_for_may(dataset):
    assert figures(MAY) == {
        "stp": (3, 2, 1, 2, 1, 1, timedelta(days=4, hours=2), date(2026, 5, 31)),
        "pbt": (0, 0, 0, 0, 1, 1, None, date(2026, 5, 1)),
        "sxd": (0, 0, 0, 0, 0, 0, None, None),
    }


def test_agencies_without_contribution_are_marked(dataset):
    rows = {row.agency.code: row for row in participation(Agency.objects.all(), MAY)}
    assert [code for code, row in sorted(rows.items()) if not row.contributed] == ["bqlgt", "sxd"]


def test_totals_add_up_and_take_the_median_of_every_item(dataset):
    total = totals(participation(Agency.objects.filter(active=True), MAY))
    assert columns(total) == (3, 2, 1, 2, 2, 2, timedelta(days=4, hours=2), date(2026, 5, 31))
    assert total.is_total and total.kind is None


def test_an_event_one_minute_before_the_period_is_left_out(dataset):
    # The item submitted at 23:59 on 30 April belongs to April only.
    april_30 = Period.custom(date(2026, 4, 30), date(2026, 4, 30))
    assert figures(april_30)["stp"][:2] == (1, 1)
    assert figures(MAY)["stp"][:2] == (3, 2)
    # ...and so do the ward's publication at 20:00 and the week-18 bulletin at 23:59.
    assert figures(april_30)["pbt"][4:6] == (1, 1)


def test_local_dates_decide_the_period(dataset):
    # Published at 06:00 on 1 May local time, which is still 30 April in UTC.
    may_first = Period.custom(date(2026, 5, 1), date(2026, 5, 1))
    assert figures(may_first)["pbt"][4] == 1
    # The last minute of the period counts; the day before the last does not see it.
    assert figures(Period.custom(date(2026, 5, 31), date(2026, 5, 31)))["stp"][:2] == (1, 1)
    assert figures(Period.custom(date(2026, 5, 1), date(2026, 5, 30)))["stp"][:2] == (2, 2)


def test_week_period_counts_the_review_events_of_that_week(dataset):
    week_19 = Period.containing(WEEK, date(2026, 5, 6))
    assert (week_19.first_day, week_19.last_day) == (date(2026, 5, 4), date(2026, 5, 10))
    assert figures(week_19) == {
        "stp": (1, 1, 1, 2, 1, 1, timedelta(days=4, hours=2), date(2026, 5, 31)),
        "pbt": (0, 0, 0, 0, 0, 1, None, date(2026, 5, 1)),
        "sxd": (0, 0, 0, 0, 0, 0, None, None),
    }


def test_week_18_holds_the_first_bulletin_and_the_early_events(dataset):
    week_18 = Period.containing(WEEK, date(2026, 4, 30))
    assert figures(week_18)["stp"][:6] == (1, 1, 0, 0, 0, 0)
    assert figures(week_18)["pbt"][:6] == (0, 0, 0, 0, 2, 1)


def test_a_period_with_nothing_in_it_has_zero_everywhere(dataset):
    june = Period.containing(MONTH, date(2026, 6, 1))
    nothing = (0, 0, 0, 0, 0, 0, None)
    assert {code: row[:7] for code, row in figures(june).items()} == dict.fromkeys(
        ("stp", "pbt", "sxd"), nothing
    )
    # The last contribution is of any time.
    assert figures(june)["stp"][7] == date(2026, 5, 31)


def test_no_agencies_no_rows(db):
    assert participation([], MAY) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        ([timedelta(hours=5)], timedelta(hours=5)),
        ([timedelta(days=4, hours=2), timedelta(days=1)], timedelta(days=2, hours=13)),
        ([timedelta(days=9), timedelta(days=1), timedelta(days=2)], timedelta(days=2)),
    ],
)
def test_median(values, expected):
    assert median(values) == expected
