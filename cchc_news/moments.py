"""A moment as Vietnamese civil servants write it in a sentence: “16:00 thứ Sáu, 04/12/2026”.

Django's "l" format names the weekday as a calendar heading does ("Thứ 6"); inside a sentence
the weekday is written out in words, after the time and before the date.
"""

from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy

WEEKDAYS = (
    pgettext_lazy("weekday inside a sentence", "Monday"),
    pgettext_lazy("weekday inside a sentence", "Tuesday"),
    pgettext_lazy("weekday inside a sentence", "Wednesday"),
    pgettext_lazy("weekday inside a sentence", "Thursday"),
    pgettext_lazy("weekday inside a sentence", "Friday"),
    pgettext_lazy("weekday inside a sentence", "Saturday"),
    pgettext_lazy("weekday inside a sentence", "Sunday"),
)


def moment_text(moment):
    """The time, the weekday and the date of `moment` in the site's time zone."""
    local = timezone.localtime(moment)
    return gettext("%(time)s %(weekday)s, %(date)s") % {
        "time": local.strftime("%H:%M"),
        "weekday": WEEKDAYS[local.weekday()],
        "date": local.strftime("%d/%m/%Y"),
    }
