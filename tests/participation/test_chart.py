"""The weekly chart: valid SVG, one bar per ISO week, an accessible name and a data table."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from cchc_news.models import Agency
from participation.charts import WeeklyChart, axis_step, chart_weeks
from participation.figures import WeekCount, weekly_contributions
from participation.periods import CUSTOM, MONTH, YEAR, Period

from .helpers import MAY, MY_AGENCY, get_report, soup

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted input)


def bars(root):
    return root.findall(f".//{SVG}g[@class='participation-chart__bar']")


def weeks_of(period):
    first, count = chart_weeks(period)
    return [WeekCount(first.fromordinal(first.toordinal() + 7 * n)) for n in range(count)]


@pytest.mark.parametrize(
    ("period", "first_monday", "weeks"),
    [
        # A month is shorter than 12 weeks: the 12 weeks ending with its last week.
        (Period.containing(MONTH, date(2026, 5, 12)), date(2026, 3, 9), 12),
        # 2026 has 53 ISO weeks; its first starts on 29 December 2025.
        (Period.containing(YEAR, date(2026, 5, 12)), date(2025, 12, 29), 53),
        (Period(CUSTOM, date(2026, 1, 1), date(2026, 6, 30)), date(2025, 12, 29), 27),
    ],
)
def test_chart_weeks(period, first_monday, weeks):
    assert chart_weeks(period) == (first_monday, weeks)


@pytest.mark.parametrize(("highest", "step"), [(1, 1), (5, 1), (6, 2), (10, 2), (11, 5), (240, 50)])
def test_axis_step(highest, step):
    assert axis_step(highest) == step


def test_svg_parses_and_has_one_bar_per_week():
    weeks = weeks_of(Period.containing(YEAR, date(2026, 5, 12)))
    weeks[18] = WeekCount(weeks[18].monday, submissions=3, publications=2)
    root = parse(WeeklyChart(weeks).svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text and desc.text
    assert len(bars(root)) == 53
    assert [bar.get("data-week") for bar in bars(root)][:2] == ["2026-W01", "2026-W02"]
    week_19 = bars(root)[18]
    assert "19/2026" in week_19.find(f"{SVG}title").text
    submitted, published = week_19.findall(f"{SVG}rect")
    # Stacked: submissions from the axis up, publications on top; 3 to 2 in height.
    assert float(submitted.get("height")) == pytest.approx(1.5 * float(published.get("height")))
    assert float(published.get("y")) + float(published.get("height")) == pytest.approx(
        float(submitted.get("y"))
    )
    # At most 26 week numbers under a year of bars.
    labels = root.findall(f".//{SVG}g[@class='participation-chart__weeks']/{SVG}text")
    assert 0 < len(labels) <= 26


def test_an_empty_chart_says_so():
    root = parse(WeeklyChart(weeks_of(Period.containing(MONTH, date(2026, 5, 12)))).svg)
    assert len(bars(root)) == 12
    assert all(
        float(rect.get("height")) == 0 for rect in root.iter(f"{SVG}rect") if rect.get("class")
    )


def test_svg_numbers_ignore_the_vietnamese_decimal_comma():
    weeks = weeks_of(Period.containing(MONTH, date(2026, 5, 12)))
    svg = WeeklyChart(weeks).svg
    assert not re.search(r'(x|y|width|height)="\d+,\d', svg)


@pytest.mark.django_db
def test_weekly_contributions_of_the_data_set(dataset):
    active = list(Agency.objects.filter(active=True).values_list("pk", flat=True))
    counts = {
        week.iso.week: (week.submissions, week.publications)
        for week in weekly_contributions(active, date(2026, 4, 27), 5)
    }
    # W18: submitted 30/4 23:59; published 30/4 20:00 and 1/5 06:00 (30/4 in UTC).
    assert counts == {18: (1, 2), 19: (1, 1), 20: (0, 0), 21: (1, 0), 22: (1, 0)}


@pytest.mark.django_db
def test_the_report_page_shows_the_chart_and_its_table(client, office_user, dataset):
    page = soup(get_report(client, office_user, MAY))
    svg = page.find("svg", class_="participation-chart__svg")
    root = parse(str(svg))
    assert len(bars(root)) == 12
    table = page.find("details", class_="participation-chart__data").table
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]
    assert len(rows) == 12
    assert rows[7] == ["18/2026", "27/04/2026 – 03/05/2026", "1", "2"]
    assert rows[8] == ["19/2026", "04/05/2026 – 10/05/2026", "1", "1"]


@pytest.mark.django_db
def test_an_agencys_chart_holds_only_its_own_contributions(client, editor_a, dataset):
    page = soup(get_report(client, editor_a, MAY, name=MY_AGENCY))
    table = page.find("details", class_="participation-chart__data").table
    rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")][1:]
        for row in table.tbody.find_all("tr")
    }
    # The ward's two publications of week 18 are not the Department of Justice's.
    assert rows["18/2026"] == ["1", "0"]
    assert rows["19/2026"] == ["1", "1"]
