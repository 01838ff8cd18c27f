"""The chart: the table's period and no other, nothing after today, two bars per part, and
names people read ("Tuần 18/2026 (01/05–03/05/2026)", never ISO notation)."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.utils.translation import gettext

from cchc_news.models import Agency
from participation.charts import ContributionChart, SpanCount, axis_step, span_counts
from participation.figures import daily_contributions
from participation.periods import CUSTOM, MONTH, QUARTER, WEEK, YEAR, Period
from participation.spans import Span, period_spans

from .helpers import MAY, MY_AGENCY, get_report, soup, table_rows

SVG = "{http://www.w3.org/2000/svg}"
LATER = date(2027, 6, 1)  # "today" for periods that are over
ISO_NOTATION = re.compile(r"\bISO\b|\d{4}-W\d")


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted input)


def pairs(root):
    return root.findall(f".//{SVG}g[@class='participation-chart__pair']")


def empty_counts(period, today=LATER):
    return [SpanCount(span) for span in period_spans(period, today)]


def bounds(spans):
    return [(span.first_day, span.last_day) for span in spans]


def test_a_month_is_cut_into_its_weeks_cut_to_the_month():
    spans = period_spans(Period.containing(MONTH, date(2026, 5, 12)), LATER)

    assert {span.unit for span in spans} == {"week"}
    assert bounds(spans) == [
        (date(2026, 5, 1), date(2026, 5, 3)),
        (date(2026, 5, 4), date(2026, 5, 10)),
        (date(2026, 5, 11), date(2026, 5, 17)),
        (date(2026, 5, 18), date(2026, 5, 24)),
        (date(2026, 5, 25), date(2026, 5, 31)),
    ]


@pytest.mark.parametrize(
    ("period", "unit", "count"),
    [
        (Period.containing(WEEK, date(2026, 5, 12)), "day", 7),
        (Period.containing(QUARTER, date(2026, 5, 12)), "week", 14),
        (Period.containing(YEAR, date(2026, 5, 12)), "month", 12),
        (Period(CUSTOM, date(2026, 1, 1), date(2026, 6, 30)), "month", 6),
    ],
)
def test_each_kind_of_period_is_cut_into_parts_that_cover_it(period, unit, count):
    spans = period_spans(period, LATER)

    assert {span.unit for span in spans} == {unit}
    assert len(spans) == count
    assert spans[0].first_day == period.first_day
    assert spans[-1].last_day == period.last_day
    for before, after in zip(spans, spans[1:], strict=False):
        assert (after.first_day - before.last_day).days == 1


def test_nothing_after_today():
    today = date(2026, 12, 4)  # a Friday in ISO week 49 (30/11–06/12)

    spans = period_spans(Period.containing(MONTH, today), today)

    assert bounds(spans) == [(date(2026, 12, 1), today)]
    assert period_spans(Period.containing(YEAR, date(2027, 3, 1)), today) == []


def test_parts_are_named_as_people_write_them():
    week = Span("week", date(2026, 5, 1), date(2026, 5, 3))
    month = Span("month", date(2026, 5, 1), date(2026, 5, 31))
    day = Span("day", date(2026, 5, 4), date(2026, 5, 4))

    week_name = gettext("Week %(week)d/%(year)d") % {"week": 18, "year": 2026}
    assert week.label() == f"{week_name} (01/05–03/05/2026)"
    assert month.label() == gettext("Month %(month)d/%(year)d") % {"month": 5, "year": 2026}
    assert day.label() == "04/05/2026"
    cut = Span("month", date(2026, 5, 1), date(2026, 5, 20))  # a month up to today
    assert cut.label().endswith("(01/05–20/05/2026)")
    assert [week.tick(), month.tick(), day.tick()] == ["18", "5/2026", "04/05"]


@pytest.mark.parametrize(("highest", "step"), [(1, 1), (5, 1), (6, 2), (10, 2), (11, 5), (240, 50)])
def test_axis_step(highest, step):
    assert axis_step(highest) == step


def test_two_bars_side_by_side_for_each_part_and_a_legend():
    counts = empty_counts(Period.containing(MONTH, date(2026, 5, 12)))
    counts[1] = SpanCount(counts[1].span, submissions=3, publications=2)

    root = parse(ContributionChart(counts).svg)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text and desc.text
    assert len(pairs(root)) == 5
    second = pairs(root)[1]
    assert second.get("data-first-day") == "2026-05-04"
    assert (gettext("Week %(week)d/%(year)d") % {"week": 19, "year": 2026}) in second.find(
        f"{SVG}title"
    ).text
    submitted, published = second.findall(f"{SVG}rect")
    # Side by side on the same baseline, 3 to 2 in height.
    assert float(submitted.get("x")) + float(submitted.get("width")) <= float(published.get("x"))
    assert float(submitted.get("y")) + float(submitted.get("height")) == pytest.approx(
        float(published.get("y")) + float(published.get("height"))
    )
    assert float(submitted.get("height")) == pytest.approx(
        1.5 * float(published.get("height")), abs=0.2
    )
    legend = root.find(f".//{SVG}g[@class='participation-chart__legend']")
    assert [text.text for text in legend.iter(f"{SVG}text")] == [
        gettext("Submitted for review"),
        gettext("Published"),
    ]


def test_at_most_26_marks_under_the_bars():
    counts = empty_counts(Period(CUSTOM, date(2026, 1, 1), date(2026, 4, 15)))  # 16 weeks
    root = parse(ContributionChart(counts).svg)

    marks = root.findall(f".//{SVG}g[@class='participation-chart__ticks']/{SVG}text")
    assert 0 < len(marks) <= 27  # and the unit's name


def test_an_empty_chart_says_so():
    root = parse(ContributionChart(empty_counts(Period.containing(MONTH, date(2026, 5, 12)))).svg)
    assert len(pairs(root)) == 5
    assert all(
        float(rect.get("height")) == 0 for pair in pairs(root) for rect in pair.iter(f"{SVG}rect")
    )
    assert (
        gettext("Nothing was submitted or published in this period.")
        in root.find(f"{SVG}desc").text
    )


def test_svg_numbers_ignore_the_vietnamese_decimal_comma():
    svg = ContributionChart(empty_counts(Period.containing(MONTH, date(2026, 5, 12)))).svg
    assert not re.search(r'(x|y|width|height)="\d+,\d', svg)


def test_span_counts_add_up_the_days():
    spans = period_spans(Period.containing(MONTH, date(2026, 5, 12)), LATER)
    submitted = {date(2026, 5, 2): 1, date(2026, 5, 4): 2, date(2026, 4, 30): 9}
    published = {date(2026, 5, 31): 4}

    counts = span_counts(spans, submitted, published)

    assert [(c.submissions, c.publications) for c in counts] == [
        (1, 0),
        (2, 0),
        (0, 0),
        (0, 0),
        (0, 4),
    ]


@pytest.mark.django_db
def test_daily_contributions_of_the_data_set(dataset):
    active = list(Agency.objects.filter(active=True).values_list("pk", flat=True))

    submitted, published = daily_contributions(active, date(2026, 4, 30), date(2026, 5, 8))

    # Submitted 30/4 23:59 and 4/5 09:00; published 30/4 20:00, 1/5 06:00 (30/4 in UTC), 8/5.
    assert submitted == {date(2026, 4, 30): 1, date(2026, 5, 4): 1}
    assert published == {date(2026, 4, 30): 1, date(2026, 5, 1): 1, date(2026, 5, 8): 1}


def chart_rows(page):
    table = page.find("details", class_="participation-chart__data").table
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]


@pytest.mark.django_db
def test_the_report_page_charts_the_tables_period(client, office_user, dataset):
    response = get_report(client, office_user, MAY)
    page = soup(response)

    assert len(pairs(parse(str(page.find("svg", class_="participation-chart__svg"))))) == 5
    rows = chart_rows(page)
    week = gettext("Week %(week)d/%(year)d")
    assert rows[0] == [week % {"week": 18, "year": 2026}, "01/05–03/05/2026", "0", "1"]
    assert rows[1] == [week % {"week": 19, "year": 2026}, "04/05–10/05/2026", "1", "1"]
    # The same period as the table: the bars add up to its totals.
    totals = table_rows(response)[1]
    assert sum(int(row[2]) for row in rows) == int(totals[2])  # submissions
    assert sum(int(row[3]) for row in rows) == int(totals[6])  # published
    chart = page.find("section", class_="participation-chart")
    assert not ISO_NOTATION.search(chart.get_text())


@pytest.mark.django_db
def test_a_period_that_has_not_started_has_no_bars(client, office_user, dataset):
    page = soup(get_report(client, office_user, {"period": "year", "day": "2099-01-01"}))

    chart = page.find("section", class_="participation-chart")
    assert chart.find("svg") is None
    assert gettext("The period has not started yet: there is nothing to show.") in chart.text


@pytest.mark.django_db
def test_an_agencys_chart_holds_only_its_own_contributions(client, editor_a, dataset):
    rows = chart_rows(soup(get_report(client, editor_a, MAY, name=MY_AGENCY)))
    # The ward's publication of 1 May is not the Department of Justice's.
    assert [row[2:] for row in rows[:2]] == [["0", "0"], ["1", "1"]]
