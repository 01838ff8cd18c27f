"""Column accessors shared by the admin's read-only logs (outgoing e-mails, deliveries)."""

from django.utils import timezone


def local_time(field):
    """An accessor that shows the datetime `field` day first in the site's time zone, or "—"."""

    def value(obj):
        moment = getattr(obj, field)
        return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else "—"

    return value
