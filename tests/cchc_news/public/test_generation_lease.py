"""The generation's lease in the page cache's store (cchc_news.public.generation_lease).

The database keeps the generation; Redis lends it to hits for at most LEASE_SECONDS. These
check the rules that keep a lease from outliving a change: never lowered, withdrawn by a
change, replaced at its commit, and waited out when the store cannot take the new one.
"""

import time

import pytest
from django.core.cache import caches
from django.test import Client

from cchc_news.models import ContentChange
from cchc_news.public import generation_lease, page_cache
from tests.factories import NewsItemPageFactory
from tests.integration.own_redis import cache_on, own_redis, redis_server_available  # noqa: F401

pytestmark = pytest.mark.django_db

needs_redis = pytest.mark.skipif(not redis_server_available(), reason="needs redis-server")


def leased():
    return page_cache.page_store().get(generation_lease.LEASE_KEY)


def test_a_hit_lends_the_generation_it_read():
    assert leased() is None
    generation = generation_lease.generation_from({})
    assert generation == ContentChange.generation() == leased()
    assert generation_lease.generation_from({generation_lease.LEASE_KEY: 5}) == 5


def test_a_lease_is_never_lowered():
    store = page_cache.page_store()
    generation_lease.lend(store, 10, 5)
    generation_lease.lend(store, 7, 5)  # a reader that read before a commit, writing late
    assert leased() == 10
    generation_lease.lend(store, 11, 5)
    assert leased() == 11


def test_a_change_withdraws_the_lease_in_its_transaction(agency_a):
    generation_lease.generation_from({})
    assert leased() is not None
    NewsItemPageFactory(parent=agency_a.index_page)
    assert leased() is None  # the transaction's own next read goes to the database


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_commit_lends_the_new_generation_over_an_older_one(agency_a):
    before = ContentChange.generation()
    from django.db import transaction

    with transaction.atomic():
        NewsItemPageFactory(parent=agency_a.index_page)
        # A reader elsewhere, which read before the commit, lends what it read.
        generation_lease.lend(page_cache.page_store(), before, 5)
    assert leased() == ContentChange.generation() > before


def test_a_change_that_cannot_lend_waits_out_older_leases(monkeypatch, caplog):
    def unreachable(*args):
        raise ConnectionError("Redis hung")

    slept = []
    monkeypatch.setattr(generation_lease, "lend", unreachable)
    monkeypatch.setattr(generation_lease.time, "sleep", slept.append)
    generation_lease.lend_or_wait(page_cache.page_store())
    assert slept == [generation_lease.LEASE_SECONDS]
    assert "waiting" in caplog.text


def test_a_hit_is_served_when_the_lease_cannot_be_lent(section, monkeypatch):
    client = Client()
    client.get(section.url)

    def unreachable(*args):
        raise ConnectionError("Redis read-only")

    monkeypatch.setattr(generation_lease, "lend", unreachable)
    page_cache.page_store().delete(generation_lease.LEASE_KEY)
    assert client.get(section.url)["X-Cache"] == "HIT"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_lending_per_transaction(agency_a, monkeypatch):
    from django.db import transaction

    lent = []
    monkeypatch.setattr(generation_lease, "lend_or_wait", lent.append)
    with transaction.atomic():
        for _ in range(3):
            NewsItemPageFactory(parent=agency_a.index_page)
    assert len(lent) == 1


@needs_redis
def test_on_redis_the_lease_is_an_int_that_expires_and_is_never_lowered(own_redis):  # noqa: F811
    with cache_on(own_redis):
        store = caches["default"]
        generation_lease.lend(store, 42, 0.2)
        generation_lease.lend(store, 41, 5)
        values = store.get_many([generation_lease.LEASE_KEY, "absent"])
        assert values == {generation_lease.LEASE_KEY: 42}
        time.sleep(0.3)
        assert store.get(generation_lease.LEASE_KEY) is None  # expired, not taken back
        generation_lease.lend(store, 41, 5)
        assert store.get(generation_lease.LEASE_KEY) == 41


@needs_redis
def test_a_hung_store_is_not_asked_to_lend_on_every_request(section, own_redis, monkeypatch):  # noqa: F811
    """While Redis is marked down (portal.cache), lending waits on no socket either: each
    request would otherwise pay the socket timeout (0.5 s) on its way to the database."""
    import redis

    asked = []
    original_eval = redis.Redis.eval
    monkeypatch.setattr(
        redis.Redis, "eval", lambda client, *args: asked.append(1) or original_eval(client, *args)
    )
    with cache_on(own_redis):
        caches["default"].delete(generation_lease.LEASE_KEY)
        own_redis.freeze()
        try:
            for _ in range(10):
                assert Client().get(section.url).status_code == 200
        finally:
            own_redis.thaw()
    assert len(asked) <= 1
