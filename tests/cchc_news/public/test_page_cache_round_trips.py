"""What a page cache hit costs on a real Redis: one command (no query), on a client made once.

Redis here is the test's own redis-server (tests/integration/own_redis): the commands it
counts (INFO commandstats) are this test's only.
"""

import pytest
from django.core.cache import caches
from django.test import Client
from redis import Redis

from cchc_news.public import generation_lease
from tests.integration.own_redis import cache_on, own_redis, redis_server_available  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_server_available(), reason="needs redis-server"),
]


def test_a_page_cache_hit_is_one_redis_command(section, own_redis):  # noqa: F811
    client = Client()
    with cache_on(own_redis):
        assert client.get(section.url)["X-Cache"] == "MISS"
        response, spent = own_redis.commands_during(lambda: client.get(section.url))
    assert response["X-Cache"] == "HIT"
    assert spent == {"mget": 1}  # the generation's lease and the entry


def test_a_page_cache_hit_after_a_publication_is_a_miss(section, agency_a, own_redis):  # noqa: F811
    from tests.factories import NewsItemPageFactory

    client = Client()
    with cache_on(own_redis):
        client.get(section.url)
        assert client.get(section.url)["X-Cache"] == "HIT"
        NewsItemPageFactory(parent=agency_a.index_page, title="Tin mới Quyzzical")
        response = client.get(section.url)
    assert response["X-Cache"] == "MISS"
    assert "Tin mới Quyzzical" in response.content.decode()


def test_one_client_serves_every_call(own_redis):  # noqa: F811
    with cache_on(own_redis):
        backend = caches["default"]._cache
        first = backend.get_client()
        caches["default"].set("a", 1)
        caches["default"].get_many(["a", "b"])
        for key in "ab":
            assert backend.get_client(key) is first
            assert backend.get_client(key, write=True) is first


def test_many_cache_calls_open_no_more_connections_than_one(own_redis):  # noqa: F811
    observer = Redis.from_url(own_redis.url(0))
    observer.ping()

    def connections_opened(calls):
        # The connections accepted, not those still open: a connection closed just before
        # (the server's readiness probe) is counted as open until the server has seen it go.
        before = observer.info("stats")["total_connections_received"]
        for number in range(calls):
            cache.set(f"key-{number}", number)
            assert cache.get(f"key-{number}") == number
        return observer.info("stats")["total_connections_received"] - before

    with cache_on(own_redis):
        cache = caches["default"]
        assert connections_opened(1) == 1
        assert connections_opened(20) == 0


def test_the_kept_client_answers_again_after_redis_hung(own_redis):  # noqa: F811
    with cache_on(own_redis):
        cache = caches["default"]
        cache.set("kept", "value")
        client = cache._cache.get_client()
        own_redis.freeze()
        try:
            assert cache.get("kept", "missed") == "missed"  # a timeout: Redis left alone
        finally:
            own_redis.thaw()
        cache._cache._down_until = 0.0  # RETRY_AFTER has passed
        assert cache.get("kept") == "value"
        assert cache._cache.get_client() is client


def test_the_client_keeps_one_connection_for_its_commands(own_redis):  # noqa: F811
    """Not one taken from the pool and given back around each command (which also polls the
    socket): a page cache hit is then one GET and nothing else on this side."""
    with cache_on(own_redis):
        cache = caches["default"]
        cache.set("kept", "value")
        client = cache._cache.get_client()
        connection = client.connection
        assert connection is not None
        assert cache.get("kept") == "value"
        assert client.connection is connection


def test_a_forked_process_makes_its_own_client(own_redis, monkeypatch):  # noqa: F811
    """A child of a process that used the cache (a Celery worker's) must not share its socket."""
    import os

    with cache_on(own_redis):
        cache = caches["default"]
        cache.set("kept", "value")
        parent = cache._cache.get_client()
        pid = os.getpid()
        monkeypatch.setattr(os, "getpid", lambda: pid + 1)
        child = cache._cache.get_client()
        assert child is not parent
        assert child.connection is not parent.connection
        assert cache.get("kept") == "value"


def test_a_hit_with_the_workers_copy_reads_only_the_generation_then_nothing(
    section,
    own_redis,  # noqa: F811
    monkeypatch,
):
    """The copy of the entry needs only the generation's lease, which the worker then keeps
    while Redis pushes no change of it (cchc_news.public.tracked_lease)."""
    # Lent for longer than the test takes on a loaded machine: its expiry would be a change.
    monkeypatch.setattr(generation_lease, "LEASE_SECONDS", 60)
    client = Client()
    with cache_on(own_redis):
        client.get(section.url)  # a miss: stored
        client.get(section.url)  # a hit: the worker keeps a copy of the entry
        response, spent = own_redis.commands_during(lambda: client.get(section.url))
        assert response["X-Cache"] == "HIT"
        # The worker's tracking connection made (once), then the lease and its time read in
        # one round trip.
        connection = {"hello": 1, "select": 1, "client|tracking": 1}
        assert spent == {**connection, "get": 1, "pttl": 1}
        responses, spent = own_redis.commands_during(
            lambda: [client.get(section.url) for _ in range(5)]
        )
    assert [response["X-Cache"] for response in responses] == ["HIT"] * 5
    assert spent == {}


def test_the_workers_copy_is_not_served_after_a_publication(section, agency_a, own_redis):  # noqa: F811
    from tests.factories import NewsItemPageFactory

    client = Client()
    with cache_on(own_redis):
        for _ in range(4):  # a miss, a hit that keeps a copy, hits from the copy and the
            first = client.get(section.url)  # tracked lease
        assert first["X-Cache"] == "HIT"
        NewsItemPageFactory(parent=agency_a.index_page, title="Tin mới Quyzzical")
        response = client.get(section.url)
    assert response["X-Cache"] == "MISS"
    assert "Tin mới Quyzzical" in response.content.decode()
