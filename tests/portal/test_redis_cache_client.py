"""The portal's Redis cache client (portal.cache): what every cache read of every page pays.

A page cache hit is one MGET; a page rendered without the page cache reads its per-generation
values the same way. Replies are parsed by hiredis, and keys are not scanned for memcached's
limits, which Redis does not have.
"""

import warnings

import pytest
from django.core.cache import caches

from tests.integration.own_redis import cache_on, own_redis, redis_server_available  # noqa: F401

pytestmark = pytest.mark.skipif(not redis_server_available(), reason="needs redis-server")


def test_replies_are_parsed_by_hiredis(own_redis):  # noqa: F811
    with cache_on(own_redis):
        cache = caches["default"]
        cache.set("probe", 1)
        connection = cache._cache.get_client().connection
        assert type(connection._parser).__name__ == "_HiredisParser"


def test_keys_are_not_checked_for_memcached(own_redis):  # noqa: F811
    with cache_on(own_redis), warnings.catch_warnings():
        warnings.simplefilter("error")  # Django's CacheKeyWarning would be one
        cache = caches["default"]
        cache.set("a key with spaces, " + "x" * 300, 1)
        assert cache.get("a key with spaces, " + "x" * 300) == 1
        assert cache.get_many(["a key with spaces, " + "x" * 300]) == {
            "a key with spaces, " + "x" * 300: 1
        }
