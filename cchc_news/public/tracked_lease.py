"""A worker's copy of the generation's lease, which Redis itself tells the worker to forget.

With the worker's copy of a page (cchc_news.public.worker_copies), a page cache hit asked Redis
only for the generation's lease (cchc_news.public.generation_lease): one round trip, which
on a 2-core server halves what a worker answers (bench: a trivial view 7,855/s, the same view
with one Redis GET 4,358/s). Redis (6 and later) tracks the keys that a connection reads and
pushes an invalidation on that connection when one of them changes, expires or is flushed
(server-assisted client-side caching, RESP3). So each worker process reads the lease on a
connection of its own with tracking on, keeps it, and before each use polls that connection's
socket: nothing to read means that nothing changed, and the hit makes no round trip at all.

The copy is as exact as the lease it copies:
- Anything arriving on the connection (an invalidation, a flush, the server closing it) and any
  error forget it, as does a push that arrives while it is being read.
- It is kept no longer than the lease lives in Redis (its PTTL, counted from before the read),
  whatever the pushes: a change whose lending Redis did not take (a hung Redis) waits out
  LEASE_SECONDS before it returns (generation_lease.lend_or_wait), longer than any copy.
- A change's lending is followed by a PING (generation_lease.lend_or_wait): Redis answers it
  only once it has written the lending's invalidations to every tracking connection, so that
  when the change returns they are already in each worker's socket (Redis on the same host,
  as deploy/ sets it up; farther away, they are on their way).

Where it cannot track (a cache that is not Redis, a server without CLIENT TRACKING, Redis
away) lease() says UNKNOWN and the caller reads the lease through the cache, as before. A
Redis that does not answer in time is marked away in the cache (portal.cache), so that the
request does not wait for it a second time there.
"""

import logging
import os
import select
import threading
import time

logger = logging.getLogger(__name__)

UNKNOWN = object()  # lease(): the lease could not be read here; read it through the cache
RETRY_AFTER = 10  # seconds before an unreachable server is tried again (portal.cache's)


class TrackedLease:
    def __init__(self):
        self._lock = threading.Lock()  # one connection per process; Django may use threads
        self._connection = None
        self._server = None  # the cache server the connection is to, and the lease's key there
        self._key = None
        self._poller = None
        self._generation = None
        self._until = 0.0  # time.monotonic() at which the copy is no longer used
        self._pushes = 0
        self._refused = (None, 0.0)  # a server not to be tried, and until when

    def lease(self, cache, name):
        """The generation lent under the key `name` of the Redis `cache` (None: none is lent),
        or UNKNOWN."""
        with self._lock:
            if (
                self._generation is not None
                and cache._servers[0] == self._server
                and time.monotonic() < self._until
                and not self._poller.poll(0)
            ):
                return self._generation
            self._generation = None
            return self._read(cache, name)

    def forget(self):
        """Close the connection and forget the copy."""
        connection, self._connection = self._connection, None
        self._server = self._key = self._poller = self._generation = None
        if connection is not None:
            connection.disconnect()  # in a forked child: closes its descriptor only

    def reset(self):
        """As a new process starts: also tries again a server that refused tracking (tests)."""
        self.forget()
        self._refused = (None, 0.0)

    def after_fork(self):
        """In a forked child: the socket is the parent's, whose pushes it must not read."""
        self._lock = threading.Lock()
        self.forget()

    def _read(self, cache, name):
        connection = self._connected(cache, name)
        if connection is None:
            return UNKNOWN
        started = time.monotonic()
        try:
            while connection.can_read(0):  # what arrived since: the copy was forgotten above
                connection.read_response(push_request=True)
            pushes, key = self._pushes, self._key
            connection.send_packed_command(connection.pack_commands([("GET", key), ("PTTL", key)]))
            value, milliseconds = connection.read_response(), connection.read_response()
            generation = None if value is None else int(value)  # lent as Django stores an int
        except Exception as error:  # noqa: BLE001 - whatever it is, the cache reads the lease
            logger.warning("Tracked lease of the content generation failed: %r", error)
            self.forget()
            _mark_away_if_hung(cache, error)
            return UNKNOWN
        if generation is not None and milliseconds > 0 and pushes == self._pushes:
            self._generation, self._until = generation, started + milliseconds / 1000
        return generation

    def _connected(self, cache, name):
        """The tracking connection to the cache's server, made if need be; None if it cannot be."""
        server = cache._servers[0]
        if self._connection is not None and self._server == server:
            return self._connection
        self.forget()
        now = time.monotonic()
        if self._refused[0] == server and now < self._refused[1]:
            return None
        pool = cache._cache._get_connection_pool(True)  # Django's private API, as portal.cache
        connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})
        try:
            connection.connect()  # HELLO 3, and the database of the URL
            connection.send_command("CLIENT", "TRACKING", "ON")
            connection.read_response()
        except Exception as error:  # noqa: BLE001 - an old Redis, or none: the cache reads it
            connection.disconnect()
            if _refused_by_server(error):  # a Redis before 6, or one that disables CLIENT
                logger.warning("Redis cannot track the content generation's lease: %r", error)
                self._refused = (server, float("inf"))  # said once: the process will not ask again
            else:
                logger.warning("Cannot track the content generation's lease: %r", error)
                self._refused = (server, now + RETRY_AFTER)
                _mark_away_if_hung(cache, error)
            return None
        connection._parser.set_invalidation_push_handler(self._pushed)
        self._poller = select.poll()
        self._poller.register(connection._sock, select.POLLIN)
        self._connection, self._server = connection, server
        self._key = cache.make_and_validate_key(name)
        return connection

    def _pushed(self, message):
        self._pushes += 1
        self._generation = None
        return message


def _refused_by_server(error):
    """Whether Redis answered, with an error: no HELLO 3 or CLIENT TRACKING there."""
    from redis.exceptions import ResponseError  # a Redis cache: installed

    return isinstance(error, ResponseError)


def _mark_away_if_hung(cache, error):
    """A Redis that did not answer in time: the cache (portal.cache's) leaves it alone for a
    while, as after its own time-out, rather than wait for it again in the same request."""
    from redis.exceptions import TimeoutError as RedisTimeoutError  # a Redis cache: installed

    mark_down = getattr(cache._cache, "_mark_down", None)
    if isinstance(error, RedisTimeoutError) and callable(mark_down):
        mark_down(error)


tracked = TrackedLease()
os.register_at_fork(after_in_child=tracked.after_fork)
