"""The generation of public content, lent to the page cache's store for at most a second.

The generation lives in the database (cchc_news.models.ContentChange), where it changes in
the same transaction as the content. Reading it there on every page cache hit cost a round
trip to PostgreSQL, and CPU on both sides, for a number that changes a few times a day. So the
store (Redis) holds a copy under LEASE_KEY that expires LEASE_SECONDS after it was read from
the database: a hit reads it in the same MGET as its entry, and only an expired or withdrawn
lease sends a reader to the database. The database stays the one record; the lease is a
cache of it, with these rules:

- A reader that finds no lease reads the database and lends what it read, for what is left of
  LEASE_SECONDS counted from the read, and never over a higher lease (`lend`).
- A change withdraws the lease in its transaction (its own later reads, which see it, then
  go to the database) and, once committed, lends the new generation (`lend_after_commit`), which
  overrides a lower one lent meanwhile by a reader that read before the commit.
- If the new generation cannot be lent (Redis away or hung), a lease lent before the commit
  can outlive it by at most LEASE_SECONDS: the change then waits that long before it returns,
  so that, as before, a purge cannot be lost while Redis is away. Only such an outage pays it.
- A worker may keep what it read of the lease while Redis pushes no change of it, never past
  the lease's own expiry (`current`, cchc_news.public.tracked_lease); the lending after a
  commit is followed by a PING, which Redis answers once those pushes are written.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from django.db import transaction

from ..generation_cache import store
from ..models import ContentChange
from .tracked_lease import UNKNOWN, tracked

logger = logging.getLogger(__name__)

LEASE_KEY = "cchc:content-generation:lease"
LEASE_SECONDS = 1.0

# Sets KEYS[1] to ARGV[1] for ARGV[2] ms unless it holds a higher number: one round trip,
# and no reader's late write can take a lease back to a generation before a commit.
LEND_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]))
if current and current >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""


def generation_from(values):
    """The generation: the lease among `values` (what the hit's MGET returned for LEASE_KEY
    and its entry), else read from the database and lent."""
    leased = values.get(LEASE_KEY)
    if isinstance(leased, int):
        return leased
    read_at = time.monotonic()
    generation = ContentChange.generation()
    cache = store()
    if is_away(cache):  # no socket to wait on: the cache has logged the outage
        return generation
    try:
        lend(cache, generation, LEASE_SECONDS - (time.monotonic() - read_at))
    except Exception as error:  # the page is still served; the next reader lends it
        logger.warning("Could not lend the content generation to the page cache: %r", error)
    return generation


def current(cache):
    """The generation, by the worker's tracked copy of the lease while Redis says it holds (no
    round trip: cchc_news.public.tracked_lease), else by the lease read through `cache`."""
    trackable = isinstance(cache, RedisCache) and not is_away(cache)
    leased = tracked.lease(cache, LEASE_KEY) if trackable else UNKNOWN
    if leased is UNKNOWN:
        leased = cache.get(LEASE_KEY)
    return generation_from({LEASE_KEY: leased})


def is_away(cache):
    """Whether `cache` knows its server is away (portal.cache's Redis cache, after a failure)."""
    is_down = getattr(getattr(cache, "_cache", None), "_is_down", None)
    return callable(is_down) and is_down()


def lend(cache, generation, seconds):
    """Lend `generation` for `seconds` unless a higher one is lent. Raises on a store error."""
    if seconds <= 0:
        return
    if isinstance(cache, RedisCache):
        # Django's Redis backend has no atomic compare-and-set: its client (private API) runs
        # the script. The number is stored as Django's serializer stores an int: its digits.
        keys = [cache.make_and_validate_key(LEASE_KEY)]
        args = [generation, max(1, int(seconds * 1000))]
        client = cache._cache
        if hasattr(client, "eval"):  # portal.cache's: not while Redis is marked away
            client.eval(LEND_SCRIPT, keys, args)
        else:
            client.get_client(write=True).eval(LEND_SCRIPT, len(keys), *keys, *args)
        return
    current = cache.get(LEASE_KEY)  # other backends: per process (local memory) or slow
    if not isinstance(current, int) or current < generation:
        cache.set(LEASE_KEY, generation, timeout=seconds)


def invalidations_written(cache):
    """Return once Redis has written the invalidations of this process's commands so far to
    every tracking connection (tracked_lease): it writes a command's reply and the pushes it
    causes in the same round of its loop, in no set order, and answers a PING sent after that
    reply only in a later round. Nothing to wait for with another cache."""
    if isinstance(cache, RedisCache):
        cache._cache.get_client(write=True).ping()


def withdraw():
    """Take the lease back, in a change's transaction (best effort: see lend_after_commit)."""
    try:
        store().delete(LEASE_KEY)
    except Exception as error:
        logger.warning("Could not withdraw the content generation's lease: %r", error)


def lend_after_commit():
    """Once the current transaction commits, lend its new generation (once per transaction)."""
    connection = transaction.get_connection()
    if not any(func is _lend_committed for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_lend_committed)


def _lend_committed():
    lend_or_wait(store())


def lend_or_wait(cache):
    """Lend the committed generation; if the store cannot take it, wait out any older lease."""
    try:
        lend(cache, ContentChange.generation(), LEASE_SECONDS)
        invalidations_written(cache)  # the workers' tracking connections have them on return
    except Exception as error:
        logger.warning(
            "Could not lend the new content generation (%r): waiting %ss for older leases to "
            "expire, so that no visitor is served a page from before the change",
            error,
            LEASE_SECONDS,
        )
        time.sleep(LEASE_SECONDS)
