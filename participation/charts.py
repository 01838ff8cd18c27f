"""The contributions chart: server-side SVG, readable without JavaScript.

The chart covers the table's period and nothing else (spans.py: its days, weeks or months, up
to today). The SVG is an image (role="img") named by its <title> and summarised by its <desc>;
each part of the period has two bars side by side, submissions and publications, under a
legend, with its own <title> as a tooltip; the same figures follow as a data table for screen
readers and for copying. Colours come from participation.css, one set for each admin theme.
"""

import math
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .periods import format_day
from .spans import DAY, MONTH, WEEK

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 34, 44  # room for the legend above, the axis labels below
MAX_TICKS_UNDER_BARS = 26
MAX_TICKS = 5
MAX_SLOT = 72  # a few parts (a month's first days) keep slim bars, from the left
# The light theme's colours; participation.css gives both themes theirs (3:1 and more).
SUBMISSIONS_COLOUR = "#1f5e9c"
PUBLICATIONS_COLOUR = "#d9730d"


@dataclass(frozen=True)
class SpanCount:
    span: object  # spans.Span
    submissions: int = 0
    publications: int = 0

    @property
    def total(self):
        return self.submissions + self.publications


def span_counts(spans, submitted, published):
    """A SpanCount for each span, from the {day: count} of submissions and publications."""
    counts = []
    for span in spans:
        days = span.days
        counts.append(
            SpanCount(
                span,
                sum(submitted.get(day, 0) for day in days),
                sum(published.get(day, 0) for day in days),
            )
        )
    return counts


def axis_step(highest):
    """The smallest of 1, 2, 5, 10, 20, 50... that splits `highest` into at most 5 ticks."""
    magnitude = 0
    while True:
        for base in (1, 2, 5):
            step = base * 10**magnitude
            if math.ceil(highest / step) <= MAX_TICKS:
                return step
        magnitude += 1


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BarPair:
    count: SpanCount
    submissions: Bar
    publications: Bar
    centre: float
    tick: str  # the mark under the pair, or "" where marks would crowd

    @property
    def first_day(self):
        return self.count.span.first_day.isoformat()

    @property
    def label(self):
        return gettext(
            "%(span)s: %(submissions)d submitted for review, %(publications)d published"
        ) % {
            "span": self.count.span.label(),
            "submissions": self.count.submissions,
            "publications": self.count.publications,
        }


@dataclass(frozen=True)
class GridLine:
    y: float
    value: int


def titles():
    # Whole sentences for each unit: a translator sees each one as it reads.
    return {
        DAY: gettext("Contributions per day"),
        WEEK: gettext("Contributions per week"),
        MONTH: gettext("Contributions per month"),
    }


def introductions():
    return {
        DAY: gettext(
            "Items submitted for review and items first published on each day of the period, "
            "from %(first)s to %(last)s."
        ),
        WEEK: gettext(
            "Items submitted for review and items first published in each week of the period, "
            "from %(first)s to %(last)s."
        ),
        MONTH: gettext(
            "Items submitted for review and items first published in each month of the period, "
            "from %(first)s to %(last)s."
        ),
    }


def unit_names():
    return {DAY: gettext("Day"), WEEK: gettext("Week"), MONTH: gettext("Month")}


class ContributionChart:
    width, height = WIDTH, HEIGHT
    left, right, top, bottom = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM
    submissions_colour = SUBMISSIONS_COLOUR
    publications_colour = PUBLICATIONS_COLOUR

    def __init__(self, counts, element_id="participation-chart"):
        self.counts = list(counts)
        self.id = element_id
        self.unit = self.counts[0].span.unit if self.counts else WEEK
        highest = max((max(c.submissions, c.publications) for c in self.counts), default=0)
        self.step = axis_step(max(highest, 1))
        self.axis_top = self.step * max(1, math.ceil(highest / self.step))

    def y(self, value):
        return round(self.bottom - (self.bottom - self.top) * value / self.axis_top, 1)

    def bar(self, x, width, value):
        top = self.y(value)
        return Bar(x=round(x, 1), y=top, width=round(width, 1), height=round(self.y(0) - top, 1))

    @cached_property
    def bars(self):
        """Two bars side by side in each slot: submissions on the left, publications right."""
        if not self.counts:
            return []
        slot = min((self.right - self.left) / len(self.counts), MAX_SLOT)
        every = math.ceil(len(self.counts) / MAX_TICKS_UNDER_BARS)
        width = slot * 0.38
        pairs = []
        for index, count in enumerate(self.counts):
            start = self.left + index * slot + slot * 0.12
            pairs.append(
                BarPair(
                    count=count,
                    submissions=self.bar(start, width, count.submissions),
                    publications=self.bar(start + width, width, count.publications),
                    centre=round(self.left + (index + 0.5) * slot, 1),
                    tick=count.span.tick() if index % every == 0 else "",
                )
            )
        return pairs

    @cached_property
    def grid(self):
        values = range(0, self.axis_top + 1, self.step)
        return [GridLine(self.y(value), value) for value in values]

    @property
    def title(self):
        return titles()[self.unit]

    @property
    def unit_name(self):
        return unit_names()[self.unit]

    @property
    def description(self):
        if not self.counts:
            return gettext("The period has not started yet: there is nothing to show.")
        first, last = self.counts[0].span.first_day, self.counts[-1].span.last_day
        text = introductions()[self.unit] % {"first": format_day(first), "last": format_day(last)}
        submissions = sum(count.submissions for count in self.counts)
        publications = sum(count.publications for count in self.counts)
        if not submissions + publications:
            return f"{text} {gettext('Nothing was submitted or published in this period.')}"
        busiest = max(self.counts, key=lambda count: count.total)
        summary = gettext(
            "In all %(submissions)d submissions and %(publications)d publications; "
            "the busiest was %(span)s with %(count)d."
        ) % {
            "submissions": submissions,
            "publications": publications,
            "span": busiest.span.label(),
            "count": busiest.total,
        }
        return f"{text} {summary} {gettext('The table after the chart gives the same figures.')}"

    @property
    def legend_y(self):
        return 14

    @cached_property
    def svg(self):
        return render_svg(self)


def render_svg(chart):
    # The template escaped every value; strip() would drop the SafeString mark.
    svg = render_to_string("participation/contributions_chart.svg", {"chart": chart})
    return mark_safe(svg.strip())  # noqa: S308
