"""Each public page type: a full-page screenshot, and no serious or critical axe-core violation.

The screenshots and axe-core's raw results are in test-artifacts/screenshots and
test-artifacts/axe, one file per page type; the phone layout is checked with the phone
visitor's journey (test_public_journeys).
"""

from urllib.parse import urlencode

import pytest

from .artifacts import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEARCH = "cai cach hanh chinh"


def search_url(section, words):
    return f"{section.url}{section.reverse_subpage('search')}?{urlencode({'q': words})}"


# name: (the page's address, given the content; the expected HTTP status)
PAGE_TYPES = {
    "home": (lambda portal: "/", 200),
    "section-home": (lambda portal: portal.section.url, 200),
    "news-listing-filtered": (
        lambda portal: portal.section.news_url(
            agency=portal.agency_a.code, topic=portal.results.slug
        ),
        200,
    ),
    "news-listing-invalid-filters": (
        lambda portal: portal.section.news_url(agency="khong-co", **{"from": "31/02/2026"}),
        200,
    ),
    "search-results": (lambda portal: search_url(portal.section, SEARCH), 200),
    "search-no-results": (lambda portal: search_url(portal.section, "xyzzy"), 200),
    "agency-index": (lambda portal: portal.agency_a.index_page.url, 200),
    "news-item": (lambda portal: portal.featured.url, 200),
    "bulletin-archive": (lambda portal: portal.archive.url, 200),
    "bulletin": (lambda portal: portal.bulletin.url, 200),
    "not-found": (lambda portal: portal.section.url + "khong-co-trang-nay/", 404),
}


def test_every_page_type_is_accessible(page, portal, subtests):
    """One test over all the page types: the content is built once (each browser test
    empties the database afterwards, which is what takes longest), each type reported
    apart."""
    for name, (address, status) in PAGE_TYPES.items():
        with subtests.test(msg=name):
            response = page.goto(address(portal))

            assert response.status == status
            screenshot(page, name)
            assert_accessible(page, name)
