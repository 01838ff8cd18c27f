"""The worker's tracked copy of the generation's lease (cchc_news.public.tracked_lease).

On a redis-server of the test's own: the copy answers without a command while Redis says
nothing changed, and is forgotten the moment the lease changes, when its time in Redis is up,
when the connection breaks, and in a forked child; a Redis that cannot track leaves the
lease to be read through the cache, as before.
"""

import logging
import os

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from cchc_news.public import generation_lease, tracked_lease
from cchc_news.public.generation_lease import LEASE_KEY
from cchc_news.public.tracked_lease import UNKNOWN, tracked
from portal.cache import resilient_redis_cache
from tests.integration.own_redis import (  # noqa: F401
    OwnRedis,
    cache_on,
    free_port,
    own_redis,
    redis_server_available,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_server_available(), reason="needs redis-server"),
]


@pytest.fixture(autouse=True)
def untracked():
    tracked.reset()
    yield
    tracked.reset()  # a later redis-server may get the port of one that refused tracking


def lease():
    return tracked.lease(caches["default"], LEASE_KEY)


def lend(generation, seconds=5):
    """Lend as a change does after its commit (generation_lease.lend_or_wait)."""
    generation_lease.lend(caches["default"], generation, seconds)
    written()


def written():
    """What a change waits for before it returns: without it a read just after a change
    could come before its push (once in a run of the suite: 7 read, not 8)."""
    generation_lease.invalidations_written(caches["default"])


def test_the_lease_is_read_once_then_kept_without_a_command(own_redis):  # noqa: F811
    with cache_on(own_redis):
        lend(7)
        assert lease() == 7
        answers, spent = own_redis.commands_during(lambda: [lease() for _ in range(20)])
    assert answers == [7] * 20
    assert spent == {}


def test_a_change_of_the_lease_is_seen_at_once(own_redis):  # noqa: F811
    with cache_on(own_redis):
        lend(7)
        assert lease() == 7
        lend(8)  # another connection: the cache's own
        assert lease() == 8
        caches["default"].delete(LEASE_KEY)
        written()
        assert lease() is None
        lend(9)
        assert lease() == 9
        caches["default"]._cache.get_client(write=True).flushdb()
        written()
        assert lease() is None


def test_no_lease_is_kept_as_none(own_redis):  # noqa: F811
    """A missing lease is not copied: the reader goes to the database, and lends what it read."""
    with cache_on(own_redis):
        assert lease() is None
        _answer, spent = own_redis.commands_during(lease)
    assert spent == {"get": 1, "pttl": 1}


def test_the_copy_is_not_kept_past_the_lease_in_redis(own_redis, monkeypatch):  # noqa: F811
    """Whatever the pushes: a change that could not lend waits LEASE_SECONDS, longer."""
    clock = [1000.0]
    monkeypatch.setattr(tracked_lease.time, "monotonic", lambda: clock[0])
    with cache_on(own_redis):
        lend(7, seconds=5)  # Redis's own clock: it must not expire the lease meanwhile
        assert lease() == 7
        clock[0] += 2
        assert own_redis.commands_during(lease) == (7, {})
        clock[0] += 3.01
        _answer, spent = own_redis.commands_during(lease)
    assert spent == {"get": 1, "pttl": 1}


def test_a_broken_connection_is_forgotten_and_made_again(own_redis, caplog):  # noqa: F811
    with cache_on(own_redis):
        lend(7)
        assert lease() == 7
        killer = caches["default"]._cache.get_client(write=True)
        killer.client_kill_filter(skipme=True)  # the tracking connection (and others)
        with caplog.at_level(logging.WARNING, logger=tracked_lease.__name__):
            assert lease() is UNKNOWN
        assert "Tracked lease" in caplog.text
        assert lease() == 7  # connected again, tracking again
        lend(8)
        assert lease() == 8


def test_a_hung_redis_keeps_the_copy_only_for_the_lease_s_time(own_redis, monkeypatch):  # noqa: F811
    clock = [1000.0]
    monkeypatch.setattr(tracked_lease.time, "monotonic", lambda: clock[0])
    with cache_on(own_redis):
        lend(7)
        assert lease() == 7
        own_redis.freeze()
        try:
            assert lease() == 7  # Redis took no change: it could push none
            clock[0] += 5
            assert lease() is UNKNOWN  # its time is up: read again, which times out
            # Marked away in the cache: the request does not wait for Redis a second time.
            assert generation_lease.is_away(caches["default"])
        finally:
            own_redis.thaw()


def test_a_redis_that_cannot_track_leaves_the_lease_to_the_cache(section, caplog, monkeypatch):
    server = OwnRedis("--rename-command", "CLIENT", "")
    clock = [1000.0]
    monkeypatch.setattr(tracked_lease.time, "monotonic", lambda: clock[0])
    try:
        with cache_on(server), caplog.at_level(logging.WARNING, logger=tracked_lease.__name__):
            assert lease() is UNKNOWN
            assert caplog.text.count("Redis cannot track") == 1
            client = Client()
            for expected in ("MISS", "HIT", "HIT", "HIT"):
                assert client.get(section.url)["X-Cache"] == expected
            # A hit with the worker's copy of the page reads the lease through the cache, and
            # the process does not ask to track again, nor says so again, later either.
            clock[0] += 3600
            response, spent = server.commands_during(lambda: client.get(section.url))
            assert caplog.text.count("Redis cannot track") == 1
    finally:
        server.stop()
    assert response["X-Cache"] == "HIT"
    assert spent == {"get": 1}


def test_an_unreachable_redis_is_tried_again_after_a_while(monkeypatch, caplog):
    clock = [1000.0]
    monkeypatch.setattr(tracked_lease.time, "monotonic", lambda: clock[0])
    nobody = f"redis://127.0.0.1:{free_port()}/1"  # nobody listens there
    unreachable = override_settings(CACHES={"default": resilient_redis_cache(nobody)})
    with unreachable, caplog.at_level(logging.WARNING, logger=tracked_lease.__name__):
        assert lease() is UNKNOWN
        assert lease() is UNKNOWN  # not tried again at once: each try is logged
        assert caplog.text.count("Cannot track") == 1
        clock[0] += tracked_lease.RETRY_AFTER + 1
        assert lease() is UNKNOWN
        assert caplog.text.count("Cannot track") == 2


def test_a_cache_that_is_not_redis_is_not_tracked(own_redis):  # noqa: F811
    with cache_on(own_redis):
        lend(7)
        assert lease() == 7
    local_memory = caches["default"]  # the tests' own cache again
    local_memory.set(LEASE_KEY, 3)
    assert generation_lease.current(local_memory) == 3


def test_a_forked_child_does_not_read_its_parent_s_socket(own_redis):  # noqa: F811
    with cache_on(own_redis):
        lend(7)
        assert lease() == 7
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports by its exit status
            os._exit(0 if tracked._connection is None and tracked._generation is None else 1)
        _pid, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        lend(8)
        assert lease() == 8  # the parent's connection still works


def test_a_change_returns_once_redis_has_written_its_invalidations(own_redis):  # noqa: F811
    """The lending after a commit is followed by a PING: Redis answers it only after it has
    written the lending's invalidations to every tracking connection."""
    with cache_on(own_redis):
        lend(7)
        assert lease() == 7
        _none, spent = own_redis.commands_during(
            lambda: generation_lease.lend_or_wait(caches["default"])
        )
        assert lease() == generation_lease.ContentChange.generation()
    assert (spent["eval"], spent["ping"]) == (1, 1)  # (its script's GET and SET counted too)
