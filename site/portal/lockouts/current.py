"""The lock-outs in force now, read from axes' counters the way axes itself counts them.

Axes keeps one AccessAttempt row per user name, address and browser (user agent), with the
failures since its first one and the time of the last; a row stops counting once its last
failure is older than the cool-off. A lock-out is therefore not stored anywhere: an account is
locked from an address while its counting rows add up to AXES_FAILURE_LIMIT, an address while
all its counting rows add up to PORTAL_LOGIN_ADDRESS_FAILURE_LIMIT.
"""

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from .handler import address_failure_limit

ACCOUNT = "account"
ADDRESS = "address"


@dataclass(frozen=True)
class Lockout:
    kind: str  # ACCOUNT: one user name from one address; ADDRESS: every account from it
    username: str | None
    address: str | None
    failures: int
    last_failure: datetime
    ends_at: datetime  # if nobody tries again meanwhile; each refused try restarts the cool-off


def counting_attempts(now=None):
    cool_off = get_cool_off()
    return AccessAttempt.objects.filter(attempt_time__gte=(now or timezone.now()) - cool_off)


def summed(rows, *fields):
    return (
        rows.values(*fields)
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"))
        .order_by("-last_failure")
    )


def current_lockouts(now=None):
    """Addresses locked out of every account first, then accounts, the latest failure first."""
    rows, cool_off = counting_attempts(now), get_cool_off()
    found = []
    limit = address_failure_limit()
    if limit:
        for row in summed(rows, "ip_address").filter(failures__gte=limit):
            found.append(lockout(ADDRESS, None, row, cool_off))
    for row in summed(rows, "username", "ip_address").filter(
        failures__gte=settings.AXES_FAILURE_LIMIT
    ):
        found.append(lockout(ACCOUNT, row["username"], row, cool_off))
    return found


def lockout(kind, username, row, cool_off):
    return Lockout(
        kind=kind,
        username=username,
        address=row["ip_address"],
        failures=row["failures"],
        last_failure=row["last_failure"],
        ends_at=row["last_failure"] + cool_off,
    )


def lift(kind, username, address):
    """Deletes the failures behind one lock-out (axes' own reset); returns how many rows went.

    Never called with nothing to match: axes would then forget every failure of everyone.
    """
    if not address or (kind == ACCOUNT and not username):
        return 0
    if kind == ADDRESS:
        return reset(ip=address)
    return reset(ip=address, username=username)
