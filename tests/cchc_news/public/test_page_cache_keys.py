"""The page cache's keys: only the query parameters a page understands, in one order.

Entries are counted in the test run's local-memory cache (the conftest empties it per test).
"""

import time

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory

from cchc_news.public import page_cache
from cchc_news.query_parameters import declare_query
from tests.factories import NewsItemPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

MARKER = "Quyzzical"


def entries():
    """How many responses the page cache holds."""
    return sum("page-cache" in key for key in caches["default"]._cache)


def get(url):
    response = Client().get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_unknown_parameters_create_no_entries(agency_a):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=f"Tin {MARKER}")
    canonical = get(item.url)
    assert entries() == 1
    for number in range(2000):
        response = get(f"{item.url}?utm_x={number}")
        assert response["X-Cache"] == "HIT"
    assert entries() == 1
    assert response.content == canonical.content


def test_a_visitor_with_tracking_parameters_fills_the_canonical_entry(section):
    first = get(section.url + "?fbclid=abc&utm_source=zalo")
    assert first["X-Cache"] == "MISS"
    assert get(section.url)["X-Cache"] == "HIT"
    assert get(section.url + "?utm_medium=x")["X-Cache"] == "HIT"
    assert entries() == 1


@pytest.fixture
def listing(section, agency_a):
    """The news listing with two pages of items about one topic."""
    topic = TopicFactory(name="Số hoá", slug="so-hoa")
    NewsItemPageFactory.create_batch(13, parent=agency_a.index_page, topic=topic)
    return section.url + "tin-bai/"


def test_understood_parameters_have_their_own_entries_in_one_order(listing, agency_a):
    urls = [
        listing,
        listing + "?page=2",
        listing + "?topic=so-hoa",
        listing + f"?topic=so-hoa&agency={agency_a.code}",
    ]
    for url in urls:
        assert get(url)["X-Cache"] == "MISS", url
    assert entries() == len(urls)
    assert get(listing + f"?agency={agency_a.code}&topic=so-hoa")["X-Cache"] == "HIT"
    assert get(listing + "?utm_source=x&page=2")["X-Cache"] == "HIT"
    # What a submitted filter form sends: the unused filters are empty.
    assert get(listing + "?agency=&topic=so-hoa&campaign=&from=&to=")["X-Cache"] == "HIT"
    assert entries() == len(urls)


def test_links_on_a_stored_page_carry_no_visitors_parameters(listing):
    response = get(listing + "?topic=so-hoa&utm_source=zalo&page=2")
    html = response.content.decode()
    assert "utm_source" not in html
    assert 'href="?topic=so-hoa"' in html  # page 1 has one URL, without `page`
    assert response.content == get(listing + "?topic=so-hoa&page=2").content


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",  # shown as page 1
        "?page=1",
        "?page=999",  # shown as the last page
        "?page=02",
        "?topic=khong-co-chu-de",  # reported next to the field
        "?from=31/12/2025",  # valid, but its canonical form is 2025-12-31
    ],
)
def test_non_canonical_values_are_served_but_not_stored(listing, query):
    for _ in range(2):
        assert get(listing + query)["X-Cache"] == "MISS"
    assert entries() == 0


def test_a_page_without_parameters_stores_none_of_them(agency_a):
    item = NewsItemPageFactory(parent=agency_a.index_page)
    for number in range(3):
        assert get(f"{item.url}?page={number + 2}")["X-Cache"] == "MISS"
    assert entries() == 0


def test_a_response_that_declares_nothing_is_stored_for_its_bare_url_only():
    bare, with_query = RequestFactory().get("/x"), RequestFactory().get("/x?foo=1")
    assert page_cache.storable_under(bare, [])
    assert not page_cache.storable_under(with_query, [])
    declare_query(with_query)
    assert page_cache.storable_under(with_query, [])
    # Rendered at generation 7, for five minutes.
    headers = [("Content-Type", "text/html")]
    copy = page_cache.thaw((7, False, time.time() + 300, 200, headers, b"x"))
    assert page_cache.answer(bare, copy, 7) is not None
    assert page_cache.answer(RequestFactory().get("/x?foo=2"), copy, 7) is None
    assert page_cache.answer(bare, copy, 8) is None  # stale
