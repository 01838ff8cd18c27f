"""How many confirmation e-mails a subscription form may cause.

Per address, on its row in the database (so the limit holds when the cache is away):
at most SUBSCRIPTIONS_CONFIRMATIONS_PER_ADDRESS a day, whoever asks. Per client address, a
counter in the cache for an hour, keyed by a hash (the address itself is not kept): at most
SUBSCRIPTIONS_REQUESTS_PER_CLIENT requests; without a cache it is not counted (the
per-address limit still protects each mailbox).
"""

import hashlib
import logging
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

from . import conf

logger = logging.getLogger(__name__)

ADDRESS_WINDOW = timedelta(days=1)
CLIENT_WINDOW_SECONDS = 3600
CLIENT_KEY = "subscriptions:client:{digest}"


def client_address(request):
    """The request's client address, by the host's rule (SUBSCRIPTIONS_CLIENT_ADDRESS)."""
    path = conf.get("SUBSCRIPTIONS_CLIENT_ADDRESS")
    if path:
        return import_string(path)(request)
    return request.META.get("REMOTE_ADDR")


def client_may_request(address):
    """Count one request of `address`; False once it is over the hourly limit."""
    if not address:
        return True
    digest = hashlib.sha256(f"subscriptions:{address}".encode()).hexdigest()[:32]
    key = CLIENT_KEY.format(digest=digest)
    try:
        cache.add(key, 0, timeout=CLIENT_WINDOW_SECONDS)
        count = cache.incr(key)
    except Exception as error:  # no cache: the per-address limit still holds
        logger.warning("Could not count subscription requests: %r", error)
        return True
    return count <= conf.get("SUBSCRIPTIONS_REQUESTS_PER_CLIENT")


def address_may_receive(subscriber, now=None):
    """Whether `subscriber` may get one more confirmation e-mail today; counts it if so.

    The caller saves the row (it holds it locked)."""
    now = now or timezone.now()
    since = subscriber.confirmations_since
    if since is None or now - since >= ADDRESS_WINDOW:
        subscriber.confirmations_since, subscriber.confirmations_sent = now, 0
    if subscriber.confirmations_sent >= conf.get("SUBSCRIPTIONS_CONFIRMATIONS_PER_ADDRESS"):
        return False
    subscriber.confirmations_sent += 1
    subscriber.last_confirmation_at = now
    return True
