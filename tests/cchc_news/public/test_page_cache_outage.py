"""The page cache after a Redis outage: a purge made while Redis was away is not lost.

Redis here is the test's own redis-server on a free port (never the machine's shared one),
hung with SIGSTOP and resumed with SIGCONT, which keeps what it holds, as a restarted
server with the same data would.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client, override_settings
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from cchc_news.models import NewsItemPage
from portal.cache import resilient_redis_cache
from tests.factories import NewsItemPageFactory

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


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis():
    """A redis-server of this test's own on a free port: {"pid", "url"}; stopped after."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (scripts/system-deps.sh installs it)")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
    )
    client = Redis(host="127.0.0.1", port=port, socket_timeout=1)
    try:
        for _attempt in range(100):
            try:
                client.ping()
                break
            except RedisConnectionError:
                time.sleep(0.05)
        yield {"pid": server.pid, "url": f"redis://127.0.0.1:{port}/0", "client": client}
    finally:
        os.kill(server.pid, signal.SIGCONT)  # a stopped process does not act on SIGTERM
        server.terminate()
        server.wait(timeout=10)


def redis_cache(url):
    return {"default": resilient_redis_cache(url)}


def test_an_item_unpublished_while_redis_hung_is_not_served_after(agency_a, own_redis):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    listing = agency_a.index_page.url
    with override_settings(CACHES=redis_cache(own_redis["url"])):
        assert_cached(item.url)
        assert_cached(listing)
        stored = own_redis["client"].dbsize()
        os.kill(own_redis["pid"], signal.SIGSTOP)  # hung: alive, not answering
        try:
            NewsItemPage.objects.get(pk=item.pk).unpublish()  # its purge cannot reach Redis
        finally:
            os.kill(own_redis["pid"], signal.SIGCONT)
        assert own_redis["client"].dbsize() == stored  # back, with the page still in it
    # A new cache connection: a web worker that did not see the outage (or one after its
    # RETRY_AFTER), as visitors meet it once Redis answers again.
    with override_settings(CACHES=redis_cache(own_redis["url"])):
        assert_withdrawn(item.url)
        assert MARKER not in page(listing).content.decode()  # nor in the agency's list
