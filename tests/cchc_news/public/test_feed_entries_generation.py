"""A news feed's entries are read once per generation of public content and address (issue 17):
a second request reads no item and builds no URL; a change shows on the next one, and another
host gets links of its own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc_news.models import NewsItemPage
from tests.factories import TopicFactory
from tests.helpers import content_committed

from .public_site import local, publish

pytestmark = pytest.mark.django_db

FEEDS = ["/feeds/tin-bai.atom", "/feeds/tin-bai.json", "/feeds/don-vi/stp.atom"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.CCHC_PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["testserver", "cchc.example.vn"]


@pytest.fixture
def item(agency_a):
    topic = TopicFactory(name="Kết quả", slug="ket-qua")
    return publish(agency_a.index_page, local(2026, 3, 2, 9), title="Hội nghị sơ kết", topic=topic)


def feed(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", FEEDS + ["/feeds/chu-de/ket-qua.json"])
def test_a_second_request_reads_no_item(client, item, url):
    content_committed()
    first = feed(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert feed(client, url) == first
    assert not [q["sql"] for q in queries if '"cchc_news_newsitempage"' in q["sql"]]
    assert item.title in first


def test_a_published_or_unpublished_item_shows_on_the_next_request(client, agency_a, item):
    content_committed()
    assert all(item.title in feed(client, url) for url in FEEDS)
    newer = publish(agency_a.index_page, local(2026, 3, 3, 9), title="Hội nghị tổng kết")
    assert all(newer.title in feed(client, url) for url in FEEDS)
    NewsItemPage.objects.get(pk=item.pk).unpublish()
    assert not [url for url in FEEDS if item.title in feed(client, url)]


def test_each_host_gets_its_own_links(client, item):
    content_committed()
    assert f"http://testserver{item.url}" in feed(client, FEEDS[0])
    other = feed(client, FEEDS[0], HTTP_HOST="cchc.example.vn")
    assert f"http://cchc.example.vn{item.url}" in other
    assert "testserver" not in other.replace("testserver/feeds", "")


@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_is_written_to_its_response_at_once(client, item, url, monkeypatch):
    """The generator writes each tag and text on its own (some 1,900 writes for 50 entries):
    into a string, then the response, not through the response's write() each time."""
    from django.http import HttpResponse

    writes = []
    real_write = HttpResponse.write
    monkeypatch.setattr(
        HttpResponse, "write", lambda self, content: writes.append(1) or real_write(self, content)
    )
    assert item.title in feed(client, url)
    assert writes == []
