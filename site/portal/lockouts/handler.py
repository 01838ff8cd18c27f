"""Axes' database handler with a per-address limit, and the client's address behind a proxy."""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_failure_limit():
    return getattr(settings, "PORTAL_LOGIN_ADDRESS_FAILURE_LIMIT", 0)


def address_failures(address, since):
    """Failed logins from one address on any accounts since a time (axes' rows, summed)."""
    rows = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return rows.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """Locks an address out of every account once it failed LOGIN_ADDRESS_FAILURE_LIMIT times.

    Axes compares one count with one limit (AXES_FAILURE_LIMIT), for the refusal and for the
    lock-out page alike, so an address over its own, looser limit is reported as having reached
    the account limit: both then follow, with the same cool-off. One person guessing one
    password on many accounts (which the per-account limit never stops) is locked out that way.
    """

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        limit = address_failure_limit()
        if limit and request.axes_ip_address:
            since = get_cool_off_threshold(request)
            if address_failures(request.axes_ip_address, since) >= limit:
                return max(failures, get_failure_limit(request, credentials))
        return failures


def client_address(request):
    """REMOTE_ADDR, or the address the outermost of PORTAL_TRUSTED_PROXY_COUNT proxies saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so only
    the last PORTAL_TRUSTED_PROXY_COUNT entries were written by trusted proxies; whatever the
    client sent comes before them and is ignored. Without a proxy the header is not read at all.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 0)
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
