"""Django's Redis cache, degraded to "nothing is cached" while Redis is unreachable.

Wagtail reads the default cache on every page (site root paths, renditions) and so does the
page cache (cchc_news.public.page_cache): with the stock backend a Redis outage would turn every
page into a 500. Here reads miss and writes are dropped instead, and after a failure Redis
is left alone for RETRY_AFTER seconds, so that requests do not each wait for a timeout.

Counters (incr/decr), scripts (eval) and clear() still raise: their callers must know that
nothing happened.

Replies are parsed by hiredis (a requirement: redis-py uses it when it is installed).
"""

import logging
import os
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 10  # seconds


def resilient_redis_cache(location):
    """The CACHES entry of this backend on `location` (a redis:// URL), with short timeouts:
    a hung Redis costs a request half a second, not the default of waiting for ever."""
    return {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": location,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._down_until = 0.0
        self._clients = {}  # {(id of a pool (kept in self._pools), process id): its client}

    def get_client(self, key=None, *, write=False):
        """One redis.Redis per connection pool, made once (Django makes one per call, a
        cost on every cache read of every page).

        It keeps one connection of the pool for its commands (single_connection_client)
        instead of taking one from the pool and giving it back around each command, which
        also polls the socket each time: 44 against 27 µs of CPU per GET, on every page cache
        hit. Django's caches are per thread, so is this client; its lock guards the rest. The
        process id is in the key: a process forked from one that used the cache (a Celery
        worker's children) makes its own rather than share the parent's socket.
        """
        pool = self._get_connection_pool(write)
        made_for = (id(pool), os.getpid())
        client = self._clients.get(made_for)
        if client is None:
            client = self._clients[made_for] = self._client(
                connection_pool=pool, single_connection_client=True
            )
        return client

    def _is_down(self):
        return time.monotonic() < self._down_until

    def _mark_down(self, error):
        self._down_until = time.monotonic() + RETRY_AFTER
        logger.warning("Redis cache unreachable (%s): doing without it for %ss", error, RETRY_AFTER)

    def _attempt(self, operation, fallback, *args):
        if self._is_down():
            return fallback
        try:
            return operation(*args)
        except UNREACHABLE as error:
            self._mark_down(error)
            return fallback

    def get(self, key, default):
        return self._attempt(super().get, default, key, default)

    def get_many(self, keys):
        return self._attempt(super().get_many, {}, keys)

    def has_key(self, key):
        return self._attempt(super().has_key, False, key)

    def add(self, key, value, timeout):
        return self._attempt(super().add, False, key, value, timeout)

    def set(self, key, value, timeout):
        self._attempt(super().set, None, key, value, timeout)

    def set_many(self, data, timeout):
        self._attempt(super().set_many, None, data, timeout)

    def touch(self, key, timeout):
        return self._attempt(super().touch, False, key, timeout)

    def delete(self, key):
        return self._attempt(super().delete, False, key)

    def delete_many(self, keys):
        self._attempt(super().delete_many, None, keys)

    def incr(self, key, delta):
        return self._must(super().incr, key, delta)

    def eval(self, script, keys, args):
        """Run a Lua `script` on the write server (a compare-and-set Django's API lacks)."""
        return self._must(self.get_client(write=True).eval, script, len(keys), *keys, *args)

    def _must(self, operation, *args):
        """`operation`, which has no harmless fallback: raises while Redis is away."""
        if self._is_down():
            raise RedisConnectionError("Redis cache marked unreachable")
        try:
            return operation(*args)
        except UNREACHABLE as error:
            self._mark_down(error)
            raise


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def validate_key(self, key):
        """Nothing to check: Redis takes any key. Django's check warns of keys memcached would
        refuse (a scan of each key's characters, on every read of every page); the portal's
        cache is Redis or, in development and tests, local memory, never memcached."""
