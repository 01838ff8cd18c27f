"""Routing reads each page below the site's root once per generation of public content (issue
17): a second view of a page under the section reads no page by its slug, and a change (a new
slug, an unpublished page) shows on the next view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc_news.models import NewsIndexPage
from tests.factories import TopicFactory
from tests.helpers import content_committed

from .public_site import local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def item(agency_a):
    return publish(agency_a.index_page, local(2026, 3, 2, 9), topic=TopicFactory(name="Kết quả"))


def pages_read_by_slug(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if '"wagtailcore_page"."slug" = ' in q["sql"]]


@pytest.mark.parametrize("page", ["section", "listing", "agency index", "item"])
def test_a_view_after_the_first_reads_no_page_by_its_slug(client, section, agency_a, item, page):
    url = {
        "section": section.url,
        "listing": section.url + "tin-bai/",
        "agency index": agency_a.index_page.url,
        "item": item.url,
    }[page]
    content_committed()
    client.get(url)
    assert pages_read_by_slug(client, url) == []


def test_a_new_slug_or_an_unpublished_page_shows_on_the_next_view(client, agency_a, item):
    content_committed()
    old_url = agency_a.index_page.url
    assert client.get(old_url).status_code == 200
    index = NewsIndexPage.objects.get(pk=agency_a.index_page.pk)
    index.slug = "so-tu-phap-moi"
    index.save_revision().publish()
    assert client.get(old_url).status_code == 404
    index.refresh_from_db()
    assert client.get(index.url).status_code == 200
    index.unpublish()
    assert client.get(index.url).status_code == 404


def test_an_unknown_address_is_not_kept(client, section):
    """A visitor may type any number of them: none fills the cache."""
    from cchc_news.generation_cache import KEY, MISSING, request_generation, store

    content_committed()
    assert client.get(section.url + "khong-co-trang-nay/").status_code == 404
    key = KEY.format(generation=request_generation(), name=f"child:{section.pk}:khong-co-trang-nay")
    assert store().get(key, MISSING) is MISSING
