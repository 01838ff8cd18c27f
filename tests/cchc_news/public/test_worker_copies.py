"""The copies of page cache entries that a worker keeps: bounded, expiring with their entry,
forgotten when the generation goes back (a database restored from a backup)."""

import time

import pytest
from django.test import Client

from cchc_news.public import page_cache
from cchc_news.public.worker_copies import Copy, WorkerCopies

pytestmark = pytest.mark.django_db


def copy(generation=1, size=1000, expires_in=300):
    stored = page_cache.StoredResponse(200, [], b"x" * size)
    return Copy(generation, True, time.time() + expires_in, stored)


def test_a_copy_expires_with_its_entry():
    copies = WorkerCopies()
    copies.keep("live", copy())
    copies.keep("expired", copy(expires_in=-1))
    assert copies.get("live") is not None
    assert copies.get("expired") is None
    assert len(copies) == 1


def test_the_least_recently_used_copies_go_first(settings):
    settings.CCHC_PAGE_CACHE_WORKER_BYTES = 10_000
    copies = WorkerCopies()
    for name in "abcd":
        copies.keep(name, copy(size=2_000))
    copies.get("a")  # used: b is now the oldest
    copies.keep("e", copy(size=2_000))  # 5 × 2,000: full
    copies.keep("f", copy(size=2_000))
    assert [name for name in "abcdef" if copies.get(name)] == ["a", "c", "d", "e", "f"]


def test_a_page_larger_than_a_quarter_of_the_memory_is_not_kept(settings):
    settings.CCHC_PAGE_CACHE_WORKER_BYTES = 10_000
    copies = WorkerCopies()
    copies.keep("small", copy(size=2_000))
    copies.keep("large", copy(size=3_000))
    assert copies.get("small") and not copies.get("large")


def test_zero_bytes_keeps_nothing(settings):
    settings.CCHC_PAGE_CACHE_WORKER_BYTES = 0
    copies = WorkerCopies()
    copies.keep("a", copy(size=0))
    assert copies.get("a") is None


def test_a_generation_seen_again_lower_forgets_every_copy():
    copies = WorkerCopies()
    copies.saw_generation(5)
    copies.keep("a", copy(generation=5))
    copies.saw_generation(6)
    assert copies.get("a")  # a new generation: the copy is stale, not wrong, and stays
    copies.saw_generation(3)  # the database went back
    assert copies.get("a") is None


def test_a_hit_keeps_a_copy_of_its_entry_for_the_same_url(section):
    client = Client()
    for _ in range(3):
        response = client.get(section.url)
    assert response["X-Cache"] == "HIT"
    ((key, kept),) = page_cache.worker_copies.copies._copies.items()
    assert kept.stored.content == response.content
    with_query = client.get(section.url + "?utm_source=x")  # declared nothing: shares the entry
    assert with_query["X-Cache"] == "HIT"
    assert key == page_cache.entry_key("http://testserver" + section.url)


def test_restoring_an_older_database_never_serves_a_copy_of_the_newer_one(section, agency_a):
    """After a restore the generation goes back, and may come to a copy's generation again
    with other content: the worker forgets its copies when it sees a lower generation."""
    from django.core.cache import cache

    from cchc_news.models import NewsItemPage
    from tests.factories import NewsItemPageFactory

    item = NewsItemPageFactory(parent=agency_a.index_page, title="Tin trước khôi phục")
    client = Client()
    for _ in range(2):
        client.get(item.url)
    assert len(page_cache.worker_copies.copies) == 1
    # The worker served a later generation; then the database was restored (the content
    # changed, the generation is back at the copy's) and Redis emptied, as the README says.
    page_cache.worker_copies.copies.saw_generation(page_cache.current_generation() + 5)
    NewsItemPage.objects.filter(pk=item.pk).update(title="Tin sau khôi phục")
    cache.clear()
    response = client.get(item.url)
    assert response["X-Cache"] == "MISS"
    assert "Tin sau khôi phục" in response.content.decode()
