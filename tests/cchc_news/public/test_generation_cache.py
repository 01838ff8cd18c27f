"""Values derived from all the section's items (the listing's item counts; the section home's
listings on its own branch) are read once per generation of public content
(cchc_news.generation_cache): a content change shows at once, a cache error costs only time."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc_news import generation_cache
from cchc_news.models import ContentChange
from tests.helpers import content_committed

from .public_site import local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def add_items(agency, topic, count, start=0):
    for number in range(start, start + count):
        publish(
            agency.index_page,
            local(2026, 3, 1, 8 + number),
            title=f"Hội nghị chuyên đề số {number}",
            topic=topic,
        )
    content_committed()


def second_view_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


def shown_count(content):
    return int(re.search(r'class="results__count"[^>]*>\s*(\d+)', content).group(1))


@pytest.mark.parametrize("query", ["", "?topic=ket-qua", "?agency=stp&from=2026-03-01"])
def test_the_listing_counts_its_items_once_per_generation(client, section, agency_a, topic, query):
    add_items(agency_a, topic, 3)
    url = section.url + "tin-bai/" + query
    assert not [sql for sql in second_view_queries(client, url) if "COUNT(" in sql.upper()]
    assert shown_count(client.get(url).content.decode()) == 3
    add_items(agency_a, topic, 1, start=3)
    assert shown_count(client.get(url).content.decode()) == 4


def test_filtered_listings_keep_their_own_counts(client, section, agency_a, topic):
    add_items(agency_a, topic, 2)
    listing = section.url + "tin-bai/"
    assert shown_count(client.get(listing).content.decode()) == 2
    assert shown_count(client.get(listing + "?agency=stp&from=2026-03-02").content.decode()) == 0


def test_a_generation_change_recomputes_a_derived_value():
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert generation_cache.cached_by_generation("test-value", compute) == 1
    assert generation_cache.cached_by_generation("test-value", compute) == 1
    ContentChange.record()
    content_committed()
    assert generation_cache.cached_by_generation("test-value", compute) == 2
    assert generation_cache.cached_by_generation("test-value", compute) == 2


class BrokenStore:
    def get(self, *args, **kwargs):
        raise ConnectionError("Redis unreachable")

    set = get


class ReadOnlyStore:
    def get(self, key, default=None):
        return default

    def set(self, *args, **kwargs):
        raise ConnectionError("Redis unreachable")


def test_a_cache_error_computes_the_value(monkeypatch, caplog):
    monkeypatch.setattr(generation_cache, "store", BrokenStore)
    assert generation_cache.cached_by_generation("test-value", lambda: 42) == 42
    assert "computing test-value" in caplog.text
    monkeypatch.setattr(generation_cache, "store", ReadOnlyStore)
    assert generation_cache.cached_by_generation("test-value", lambda: 43) == 43
    assert "Could not cache test-value" in caplog.text


def test_the_listing_is_served_while_the_cache_fails(client, section, agency_a, topic, monkeypatch):
    add_items(agency_a, topic, 2)
    monkeypatch.setattr(generation_cache, "store", BrokenStore)
    response = client.get(section.url + "tin-bai/")
    assert response.status_code == 200
    assert shown_count(response.content.decode()) == 2


def generation_reads(sql):
    return len([query for query in sql if "cchc_news_contentchange" in query])


def test_a_page_cache_miss_reads_the_generation_once(client, section, agency_a, topic, settings):
    settings.CCHC_PAGE_CACHE_SECONDS = 60
    add_items(agency_a, topic, 1)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(section.url + "tin-bai/")
    assert response["X-Cache"] == "MISS"
    assert generation_reads([query["sql"] for query in queries]) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("page_cache_seconds", [0, 60])
def test_a_page_view_outside_any_transaction_reads_the_generation_once(
    client, section, agency_a, topic, settings, page_cache_seconds
):
    """As in production, not inside a test's transaction: Wagtail's check of the page's view
    restrictions (which asks for no request) shares the request's generation."""
    settings.CCHC_PAGE_CACHE_SECONDS = page_cache_seconds
    add_items(agency_a, topic, 1)
    listing = section.url + "tin-bai/"
    client.get(listing)  # the derived values of this generation, computed and kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get(listing + "?page=1").status_code == 200
    # None when the page cache's lease (in the cache, for a second) supplies it.
    assert generation_reads([query["sql"] for query in queries]) <= 1


class RolledBack(Exception):
    pass


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_value_computed_in_a_change_that_rolls_back_is_never_served():
    """A transaction that changed content sees its own next generation: what it computes
    there must not be kept, or, once rolled back, the next committed change (which reaches
    that very generation) would serve content that never was."""
    from django.db import transaction

    with pytest.raises(RolledBack), transaction.atomic():
        ContentChange.record()
        assert generation_cache.cached_by_generation("menu", lambda: "rolled back") == "rolled back"
        raise RolledBack
    with transaction.atomic():
        ContentChange.record()
    assert generation_cache.cached_by_generation("menu", lambda: "committed") == "committed"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_in_progress_neither_reads_nor_keeps_values():
    from django.db import transaction

    assert generation_cache.cached_by_generation("menu", lambda: "before") == "before"
    with transaction.atomic():
        ContentChange.record()
        # Its own generation: computed afresh, never kept (another change may commit first).
        assert generation_cache.cached_by_generation("menu", lambda: "during") == "during"
        assert generation_cache.cached_by_generation("menu", lambda: "again") == "again"
        with transaction.atomic():  # a savepoint inside it too
            assert generation_cache.cached_by_generation("menu", lambda: "inner") == "inner"
    assert generation_cache.cached_by_generation("menu", lambda: "after") == "after"
    assert generation_cache.cached_by_generation("menu", lambda: "kept?") == "after"


def test_a_deploys_migrate_makes_what_the_previous_code_cached_stale():
    from django.core.management import call_command

    before = ContentChange.generation()
    call_command("migrate", verbosity=0)
    assert ContentChange.generation() > before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_reads_the_generation_once(client, section, agency_a, topic):
    """Search is never page-cached: the view restrictions' check before the page is served
    and the search's own filter on them share one read of the generation (and of the
    restrictions), as a page cache miss does."""
    add_items(agency_a, topic, 2)
    queries = second_view_queries(client, section.url + "tim-kiem/?q=hoi+nghi")
    assert generation_reads(queries) == 1
