"""The bulletins' feed: Atom 1.0 and JSON Feed 1.1 of the bulletin archive, with WebSub (the
news feeds, on the same generators: tests/cchc_news/public/test_feeds.py)."""

import json

import pytest
from django.template import Context, Template
from django.test import override_settings
from lxml import etree

from bulletin.assembly import assemble
from bulletin.feeds import bulletin_summary, feed_urls_for_page
from bulletin.weeks import Week
from cchc_news.public import feeds as news_feeds
from tests.cchc_news.public.feed_checks import (
    ATOM,
    BASE,
    HUB,
    atom_titles,
    check_atom_feed,
    check_json_feed,
    count_queries,
    get_atom,
    get_json,
    json_titles,
)
from tests.factories import TopicFactory

from .conftest import local

pytestmark = pytest.mark.django_db

urlpatterns = []  # a URLconf without the feeds, for the autodiscovery tag

W48 = Week(2026, 48)
FEED_PATH = "/feeds/ban-tin"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WEBSUB_HUB_URL = ""


@pytest.fixture
def news(publish_item, agency_a, agency_b):
    """Three live items: two of agency A (one per topic), one of agency B."""
    results = TopicFactory(name="Kết quả", slug="ket-qua")
    activities = TopicFactory(name="Hoạt động", slug="hoat-dong")
    first = publish_item(local(2026, 11, 23, 9, 0), "Một cửa liên thông", results)
    second = publish_item(local(2026, 11, 24, 9, 0), "Hội nghị CCHC", activities)
    third = publish_item(
        local(2026, 11, 25, 9, 0), "Chuyển đổi số ở phường", results, agency_b.index_page
    )
    return [first, second, third]


@pytest.fixture
def bulletin(archive, news):
    return assemble(W48).bulletin


# Format -------------------------------------------------------------------------------


def test_the_atom_feed_parses_and_is_valid(client, bulletin):
    check_atom_feed(client, FEED_PATH)


def test_the_json_feed_is_json_feed_1_1(client, bulletin):
    check_json_feed(client, FEED_PATH)


def test_bulletin_entries_give_the_period_and_item_count(client, bulletin):
    _response, parsed = get_atom(client, "/feeds/ban-tin.atom")
    [entry] = parsed.entries
    assert entry.title == "Bản tin CCHC số 1/2026"
    assert entry.link == "http://testserver/cai-cach-hanh-chinh/ban-tin/2026-so-1/"
    assert entry.summary == bulletin_summary(bulletin, 3)
    assert "16:00 20/11/2026" in entry.summary and "16:00 27/11/2026" in entry.summary
    assert parsed.feed.link == "http://testserver/cai-cach-hanh-chinh/ban-tin/"


def test_items_withdrawn_from_a_bulletin_are_not_counted(client, bulletin, news):
    news[0].unpublish()
    [item] = get_json(client, "/feeds/ban-tin.json")[1]["items"]
    assert item["summary"] == bulletin_summary(bulletin, 2)


# WebSub -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["atom", "json"])
def test_no_hub_links_without_a_hub(client, bulletin, fmt):
    response = client.get(f"{FEED_PATH}.{fmt}")
    assert response.status_code == 200
    assert not response.has_header("Link")
    assert b"hub" not in response.content


def test_the_feed_advertises_the_hub(client, bulletin, settings):
    settings.WEBSUB_HUB_URL = HUB
    atom = etree.fromstring(client.get(f"{FEED_PATH}.atom").content)
    assert atom.find(f"{ATOM}link[@rel='hub']").get("href") == HUB
    assert atom.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}{FEED_PATH}.atom"
    response = client.get(f"{FEED_PATH}.json")
    assert json.loads(response.content)["hubs"][0]["url"] == HUB
    assert f'<{BASE}{FEED_PATH}.json>; rel="self"' in response["Link"]


# What appears -------------------------------------------------------------------------


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_unpublished_bulletins_never_appear(client, archive, news):
    assert assemble(W48).bulletin.live is False
    assert atom_titles(client, "/feeds/ban-tin.atom") == []
    assert json_titles(client, "/feeds/ban-tin.json") == []


def test_a_withdrawn_bulletin_leaves_the_feed(client, bulletin):
    assert atom_titles(client, "/feeds/ban-tin.atom") == ["Bản tin CCHC số 1/2026"]
    bulletin.unpublish()
    assert atom_titles(client, "/feeds/ban-tin.atom") == []


def test_at_most_the_limit_newest_first(client, bulletin, publish_item, monkeypatch):
    publish_item(local(2026, 11, 30, 9, 0), "Tuần 49")
    assemble(Week(2026, 49), now=local(2026, 12, 14, 9, 0))
    monkeypatch.setattr(news_feeds, "FEED_LIMIT", 1)
    assert atom_titles(client, "/feeds/ban-tin.atom") == ["Bản tin CCHC số 2/2026"]


# Queries ------------------------------------------------------------------------------


def test_the_bulletin_feed_takes_the_same_queries_for_1_or_3_bulletins(
    client, bulletin, publish_item
):
    few = count_queries(client, "/feeds/ban-tin.atom")
    later = local(2026, 12, 14, 9, 0)  # after both cut-offs, whatever the day the test runs
    publish_item(local(2026, 11, 30, 9, 0), "Tuần 49")
    assemble(Week(2026, 49), now=later)
    publish_item(local(2026, 12, 7, 9, 0), "Tuần 50")
    assemble(Week(2026, 50), now=later)
    assert len(atom_titles(client, "/feeds/ban-tin.atom")) == 3
    assert count_queries(client, "/feeds/ban-tin.atom") == few


# feed_urls_for_page (the WebSub topics) -----------------------------------------------


def test_feed_urls_of_a_bulletin_given_as_a_plain_page(bulletin):
    assert feed_urls_for_page(bulletin.page_ptr) == [
        f"{BASE}/feeds/ban-tin.atom",
        f"{BASE}/feeds/ban-tin.json",
    ]


def test_feed_urls_of_a_news_item_are_its_news_feeds(news):
    assert feed_urls_for_page(news[0].page_ptr) == news_feeds.feed_urls_for_page(news[0])
    assert f"{BASE}/feeds/tin-bai.atom" in feed_urls_for_page(news[0])


def test_no_feed_urls_for_a_hidden_bulletin_or_other_pages(bulletin, archive, section):
    bulletin.unpublish()
    assert feed_urls_for_page(bulletin) == []
    assert feed_urls_for_page(archive) == []
    assert feed_urls_for_page(section) == []


# Autodiscovery ------------------------------------------------------------------------


def test_pages_advertise_the_news_and_bulletin_feeds(client, news):
    content = client.get("/cai-cach-hanh-chinh/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in content
    assert 'href="/feeds/tin-bai.atom"' in content
    assert 'href="/feeds/ban-tin.atom"' in content
    assert 'type="application/feed+json"' in content


@override_settings(ROOT_URLCONF=__name__)
def test_autodiscovery_is_silent_when_the_feeds_cannot_be_reversed():
    template = Template("{% load bulletin_feeds %}[{% bulletin_feed_autodiscovery %}]")
    assert template.render(Context()) == "[]"
