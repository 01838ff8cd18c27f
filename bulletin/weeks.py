"""ISO weeks and their cut-offs in the site's time zone (Asia/Ho_Chi_Minh).

A week's bulletin takes the items first published before that week's cut-off (the
last firing of BULLETIN_SCHEDULE inside the ISO week, Friday 16:00 by default);
its period runs from the previous cut-off to this one.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .cutoff import previous_cutoff

WEEK_PATTERN = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True)
class Week:
    iso_year: int
    iso_week: int

    def __str__(self):
        """The week in URLs and forms ('2026-W49'); people read label()."""
        return f"{self.iso_year}-W{self.iso_week:02d}"

    def label(self):
        """'Tuần 49/2026 (27/11–04/12/2026)': the week and its bulletin's period, from the
        previous cut-off to this one, as people write them."""
        first, last = (timezone.localtime(moment) for moment in self.period())
        return _("Week %(week)d/%(year)d (%(start)s–%(end)s)") % {
            "week": self.iso_week,
            "year": self.iso_year,
            "start": first.strftime("%d/%m"),
            "end": last.strftime("%d/%m/%Y"),
        }

    @classmethod
    def parse(cls, text):
        """'2026-W48' or '2026W48'; raises ValueError with a readable message."""
        match = WEEK_PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not an ISO week such as 2026-W48")
        week = cls(int(match[1]), int(match[2]))
        week.monday()  # validates week 53 in years that have only 52
        return week

    @classmethod
    def containing(cls, moment):
        iso = timezone.localtime(moment).isocalendar()
        return cls(iso.year, iso.week)

    def monday(self):
        return date.fromisocalendar(self.iso_year, self.iso_week, 1)

    def start(self):
        """Monday 00:00 local time."""
        return datetime.combine(self.monday(), time.min, tzinfo=timezone.get_current_timezone())

    def end(self):
        """The next Monday 00:00 local time (exclusive)."""
        return self.start() + timedelta(days=7)

    def next(self):
        return Week.containing(self.end())

    def previous(self):
        return Week.containing(self.start() - timedelta(days=1))

    def cutoff(self):
        """The last cut-off inside the week, or its end if the schedule skips the week."""
        candidate = previous_cutoff(self.end() - timedelta(microseconds=1))
        return candidate if candidate >= self.start() else self.end()

    def period(self):
        """(previous cut-off, this cut-off): the span a bulletin reports on."""
        end = self.cutoff()
        return previous_cutoff(end - timedelta(microseconds=1)), end
