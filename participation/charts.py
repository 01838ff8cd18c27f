"""The chart of contributions per ISO week: server-side SVG, readable without JavaScript.

The SVG is an image (role="img") named by its <title> and summarised by its <desc>; each
week is one stacked bar (submissions below, publications above) with its own <title> as a
tooltip; the same figures follow as a data table for screen readers and for copying.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .periods import format_day

MIN_WEEKS = 12
WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 14, 64  # room for the axis labels and the legend
MAX_WEEK_LABELS = 26
MAX_TICKS = 5
SUBMISSIONS_COLOUR = "#1f5e9c"
PUBLICATIONS_COLOUR = "#d9730d"


def monday_of(day):
    return day - timedelta(days=day.weekday())


def chart_weeks(period):
    """(first Monday, number of weeks): the period's ISO weeks, at least the last twelve."""
    first, last = monday_of(period.first_day), monday_of(period.last_day)
    weeks = (last - first).days // 7 + 1
    if weeks < MIN_WEEKS:
        return last - timedelta(weeks=MIN_WEEKS - 1), MIN_WEEKS
    return first, weeks


def axis_step(highest):
    """The smallest of 1, 2, 5, 10, 20, 50... that splits `highest` into at most 5 ticks."""
    magnitude = 0
    while True:
        for base in (1, 2, 5):
            step = base * 10**magnitude
            if math.ceil(highest / step) <= MAX_TICKS:
                return step
        magnitude += 1


def week_name(week):
    return f"{week.iso.week}/{week.iso.year}"


@dataclass(frozen=True)
class Bar:
    week: object  # figures.WeekCount
    x: float
    width: float
    submissions_y: float
    submissions_height: float
    publications_y: float
    publications_height: float
    tick: str  # the week number under the bar, or "" where labels would crowd

    @property
    def code(self):
        return f"{self.week.iso.year}-W{self.week.iso.week:02d}"

    @property
    def centre(self):
        return round(self.x + self.width / 2, 1)

    @property
    def label(self):
        return gettext(
            "Week %(week)s (%(first)s–%(last)s): %(submissions)d submitted, "
            "%(publications)d published"
        ) % {
            "week": week_name(self.week),
            "first": format_day(self.week.monday),
            "last": format_day(self.week.sunday),
            "submissions": self.week.submissions,
            "publications": self.week.publications,
        }


@dataclass(frozen=True)
class GridLine:
    y: float
    value: int


class WeeklyChart:
    width, height = WIDTH, HEIGHT
    left, right, top, bottom = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM
    submissions_colour = SUBMISSIONS_COLOUR
    publications_colour = PUBLICATIONS_COLOUR

    def __init__(self, weeks, element_id="participation-chart"):
        self.weeks = list(weeks)
        self.id = element_id
        highest = max((week.total for week in self.weeks), default=0)
        self.step = axis_step(max(highest, 1))
        self.axis_top = self.step * max(1, math.ceil(highest / self.step))

    def y(self, value):
        return round(self.bottom - (self.bottom - self.top) * value / self.axis_top, 1)

    @cached_property
    def bars(self):
        slot = (self.right - self.left) / len(self.weeks)
        every = math.ceil(len(self.weeks) / MAX_WEEK_LABELS)
        bars = []
        for index, week in enumerate(self.weeks):
            base, middle = self.y(0), self.y(week.submissions)
            bars.append(
                Bar(
                    week=week,
                    x=round(self.left + index * slot + slot * 0.15, 1),
                    width=round(slot * 0.7, 1),
                    submissions_y=middle,
                    submissions_height=round(base - middle, 1),
                    publications_y=self.y(week.total),
                    publications_height=round(middle - self.y(week.total), 1),
                    tick=str(week.iso.week) if index % every == 0 else "",
                )
            )
        return bars

    @cached_property
    def grid(self):
        values = range(0, self.axis_top + 1, self.step)
        return [GridLine(self.y(value), value) for value in values]

    @property
    def title(self):
        return gettext("Contributions per week")

    @property
    def description(self):
        first, last = self.weeks[0], self.weeks[-1]
        submissions = sum(week.submissions for week in self.weeks)
        publications = sum(week.publications for week in self.weeks)
        text = gettext(
            "Items submitted for review and items first published in each ISO week, "
            "from week %(first)s to week %(last)s."
        ) % {"first": week_name(first), "last": week_name(last)}
        if not submissions + publications:
            return f"{text} {gettext('Nothing was submitted or published in these weeks.')}"
        busiest = max(self.weeks, key=lambda week: week.total)
        return " ".join(
            [
                text,
                gettext(
                    "In all %(submissions)d submissions and %(publications)d publications; "
                    "the busiest week was week %(week)s with %(count)d."
                )
                % {
                    "submissions": submissions,
                    "publications": publications,
                    "week": week_name(busiest),
                    "count": busiest.total,
                },
                gettext("The table after the chart gives the figures of every week."),
            ]
        )

    @property
    def legend_y(self):
        return self.height - 16

    @cached_property
    def svg(self):
        return render_svg(self)


def render_svg(chart):
    # The template escaped every value; strip() would drop the SafeString mark.
    return mark_safe(render_to_string("participation/weekly_chart.svg", {"chart": chart}).strip())  # noqa: S308
