"""The page cache after a Redis outage: a purge made while Redis was away is not lost.

Redis here is the test's own redis-server on a free port (never the machine's shared one),
hung with SIGSTOP and resumed with SIGCONT, which keeps what it holds, as a restarted
server with the same data would.
"""

import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client, override_settings
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from cchc_news.models import NewsItemPage
from cchc_news.public import worker_copies
from portal.cache import resilient_redis_cache
from tests.factories import NewsItemPageFactory
from tests.integration.own_redis import own_redis, redis_server_available  # noqa: F401

pytestmark = pytest.mark.django_db

TITLE = "Xã Tân Phú rút ngắn thời gian cấp phép Quyzzical"
MARKER = "Quyzzical"


def page(url):
    return Client().get(url)


def assert_cached(url):
    first = page(url)
    assert first.status_code == 200 and MARKER in first.content.decode()
    assert page(url)["X-Cache"] == "HIT"


def assert_withdrawn(url):
    response = page(url)
    assert response.status_code == 404
    assert MARKER not in response.content.decode()


# A cache whose counters fail ------------------------------------------------------------


class CountersDownCache(LocMemCache):
    """A stand-in for Redis that is away when the purge comes and back for the next reader:
    every read and write works, every increment fails (as ResilientRedisCache raises)."""

    def incr(self, key, delta=1, version=None):
        raise RedisConnectionError("Redis unreachable")

    def decr(self, key, delta=1, version=None):
        raise RedisConnectionError("Redis unreachable")


def test_an_item_unpublished_while_counters_fail_is_not_served(agency_a):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    backend = {
        "BACKEND": f"{__name__}.CountersDownCache",
        "LOCATION": f"counters-down-{uuid.uuid4().hex}",
    }
    with override_settings(CACHES={"default": backend}):
        assert_cached(item.url)
        NewsItemPage.objects.get(pk=item.pk).unpublish()
        assert_withdrawn(item.url)


# The test's own redis-server ---------------------------------------------------------


def entries(client):
    return sorted(client.scan_iter(match="*page-cache*"))


def redis_cache(url):
    return {"default": resilient_redis_cache(url)}


@pytest.mark.skipif(not redis_server_available(), reason="needs redis-server")
def test_an_item_unpublished_while_redis_hung_is_not_served_after(
    agency_a,
    own_redis,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    listing = agency_a.index_page.url
    client = Redis.from_url(own_redis.url(0), socket_timeout=1)
    with override_settings(CACHES=redis_cache(own_redis.url(0))):
        assert_cached(item.url)
        assert_cached(listing)
        # The hits kept copies: the requests after the outage go through them (worker_copies).
        assert len(worker_copies.copies) == 2
        stored = entries(client)
        own_redis.freeze()  # hung: alive, not answering
        try:
            # Committed, as in production (its purge cannot reach Redis).
            with django_capture_on_commit_callbacks(execute=True):
                NewsItemPage.objects.get(pk=item.pk).unpublish()
        finally:
            own_redis.thaw()
        assert entries(client) == stored  # back, with the page still in it
    # A new cache connection: a web worker that did not see the outage (or one after its
    # RETRY_AFTER), as visitors meet it once Redis answers again.
    with override_settings(CACHES=redis_cache(own_redis.url(0))):
        assert_withdrawn(item.url)
        assert MARKER not in page(listing).content.decode()  # nor in the agency's list
