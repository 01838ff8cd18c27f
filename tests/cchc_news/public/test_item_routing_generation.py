"""An agency's index finds the item a URL names once per generation of public content (issue 17):
the item's view reads no item row after the first, and a change shows on the next view."""

import pytest

from cchc_news.models import NewsItemPage
from tests.factories import TopicFactory
from tests.helpers import content_committed

from .public_site import count_queries, local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def item(agency_a):
    topic = TopicFactory(name="Kết quả cải cách", slug="ket-qua")
    return publish(agency_a.index_page, local(2026, 3, 1, 8), title="Hội nghị sơ kết", topic=topic)


def item_rows_read(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if '"cchc_news_newsitempage"' in q["sql"]]


def test_a_view_after_the_first_reads_no_item_row(client, item):
    content_committed()
    client.get(item.url)
    assert item_rows_read(client, item.url) == []


def test_the_item_view_reads_no_page_below_the_sites_root(client, item):
    """The generation only (read once: Wagtail's check of the view restrictions shares it;
    the site and its root page are kept per generation too): 7 before (the site, the root
    page, the section, the agency index, the item, the generation twice)."""
    content_committed()
    client.get(item.url)
    assert count_queries(client, item.url) == 1


def test_a_changed_or_unpublished_item_shows_so_on_the_next_view(client, item):
    content_committed()
    assert client.get(item.url).status_code == 200
    page = NewsItemPage.objects.get(pk=item.pk)
    page.title = "Hội nghị tổng kết"
    page.save_revision().publish()
    assert "Hội nghị tổng kết" in client.get(item.url).content.decode()
    NewsItemPage.objects.get(pk=item.pk).unpublish()
    assert client.get(item.url).status_code == 404


def test_an_unknown_address_is_not_kept(client, item):
    """A visitor may type any number of them: none fills the cache."""
    from cchc_news.generation_cache import KEY, MISSING, request_generation, store

    content_committed()
    index = item.get_parent()
    assert client.get(index.url + "khong-co-tin-nay/").status_code == 404
    name = f"index-child:{index.pk}:khong-co-tin-nay"
    key = KEY.format(generation=request_generation(), name=name)
    assert store().get(key, MISSING) is MISSING
    kept = KEY.format(generation=request_generation(), name=f"index-child:{index.pk}:{item.slug}")
    client.get(item.url)
    assert store().get(kept, MISSING).pk == item.pk
