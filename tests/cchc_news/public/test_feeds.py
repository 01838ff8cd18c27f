"""The news feeds: Atom 1.0 and JSON Feed 1.1 of the section's, an agency's and a topic's
news, with WebSub (the bulletins' feed: tests/bulletin/test_feeds.py)."""

import json

import pytest
from django.template import Context, Template
from django.test import override_settings
from lxml import etree
from wagtail.models import PageViewRestriction

from cchc_news.models import NewsItemPage
from cchc_news.public import feeds
from cchc_news.public.feeds import feed_urls_for_page
from tests.factories import AgencyFactory, NewsItemPageFactory, TopicFactory

from .feed_checks import (
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
    rfc3339,
)
from .public_site import local, publish

pytestmark = pytest.mark.django_db

urlpatterns = []  # a URLconf without the feeds, for the autodiscovery tag


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WEBSUB_HUB_URL = ""


@pytest.fixture
def results():
    return TopicFactory(name="Kết quả", slug="ket-qua")


@pytest.fixture
def activities():
    return TopicFactory(name="Hoạt động", slug="hoat-dong")


@pytest.fixture
def publish_item(agency_a):
    """Create a live item first published at `when` (local time)."""

    def publish_at(when, title=None, topic=None, parent=None):
        return publish(
            parent or agency_a.index_page,
            when,
            title=title or f"Tin ngày {when:%d/%m %H:%M}",
            topic=topic or TopicFactory(),
        )

    return publish_at


@pytest.fixture
def news(publish_item, agency_a, agency_b, results, activities):
    """Three live items: two of agency A (one per topic), one of agency B."""
    first = publish_item(local(2026, 11, 23, 9, 0), "Một cửa liên thông", results)
    second = publish_item(local(2026, 11, 24, 9, 0), "Hội nghị CCHC", activities)
    third = publish_item(
        local(2026, 11, 25, 9, 0), "Chuyển đổi số ở phường", results, agency_b.index_page
    )
    return [first, second, third]


FEED_PATHS = [
    "/feeds/tin-bai",
    "/feeds/don-vi/stp",
    "/feeds/chu-de/ket-qua",
]


# Format -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FEED_PATHS)
def test_atom_feeds_parse_and_are_valid(client, news, path):
    check_atom_feed(client, path)


@pytest.mark.parametrize("path", FEED_PATHS)
def test_json_feeds_are_json_feed_1_1(client, news, path):
    check_json_feed(client, path)


def test_news_entries_carry_author_topic_summary_and_both_dates(client, news):
    item = news[1]
    NewsItemPage.objects.filter(pk=item.pk).update(last_published_at=local(2026, 11, 26, 10, 0))

    _response, parsed = get_atom(client, "/feeds/tin-bai.atom")

    assert [entry.title for entry in parsed.entries] == [
        "Chuyển đổi số ở phường",
        "Hội nghị CCHC",
        "Một cửa liên thông",
    ]
    entry = parsed.entries[1]
    assert entry.link == f"http://testserver{item.url}"
    assert entry.author == "Sở Tư pháp"
    assert [tag.term for tag in entry.tags] == ["Hoạt động"]
    assert entry.summary == item.summary
    assert rfc3339(parsed.entries[1].published) == local(2026, 11, 24, 9, 0)
    assert rfc3339(entry.updated) == local(2026, 11, 26, 10, 0)
    assert entry.id == f"tag:cong.example.gov.vn,2026-11-24:/pages/{item.pk}/"
    # The feed is as new as its newest entry.
    assert rfc3339(parsed.feed.updated) == local(2026, 11, 26, 10, 0)
    assert parsed.feed.link == "http://testserver/cai-cach-hanh-chinh/"


def test_json_items_match_the_atom_entries(client, news):
    _response, document = get_json(client, "/feeds/tin-bai.json")
    item = document["items"][-1]
    assert item["id"] == f"tag:cong.example.gov.vn,2026-11-23:/pages/{news[0].pk}/"
    assert item["url"] == f"http://testserver{news[0].url}"
    assert item["summary"] == item["content_text"] == news[0].summary
    assert item["authors"] == [{"name": "Sở Tư pháp"}]
    assert item["tags"] == ["Kết quả"]
    assert rfc3339(item["date_published"]) == local(2026, 11, 23, 9, 0)


def test_at_most_the_limit_newest_first(client, news, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_LIMIT", 2)
    assert atom_titles(client, "/feeds/tin-bai.atom") == ["Chuyển đổi số ở phường", "Hội nghị CCHC"]


# WebSub -------------------------------------------------------------------------------


def test_hub_and_self_links_when_a_hub_is_configured(client, news, settings):
    settings.WEBSUB_HUB_URL = HUB
    response, parsed = get_atom(client, "/feeds/tin-bai.atom")
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["hub"] == HUB
    assert links["self"] == f"{BASE}/feeds/tin-bai.atom"
    assert response["Link"] == f'<{HUB}>; rel="hub", <{BASE}/feeds/tin-bai.atom>; rel="self"'

    response, document = get_json(client, "/feeds/tin-bai.json")
    assert document["hubs"] == [{"type": "WebSub", "url": HUB}]
    assert response["Link"] == f'<{HUB}>; rel="hub", <{BASE}/feeds/tin-bai.json>; rel="self"'


@pytest.mark.parametrize(
    "path", [f"{path}.{fmt}" for path in FEED_PATHS for fmt in ("atom", "json")]
)
def test_no_hub_links_without_a_hub(client, news, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.has_header("Link")
    assert b"hub" not in response.content


def test_every_feed_advertises_the_hub(client, news, settings):
    settings.WEBSUB_HUB_URL = HUB
    for path in FEED_PATHS:
        atom = etree.fromstring(client.get(f"{path}.atom").content)
        assert atom.find(f"{ATOM}link[@rel='hub']").get("href") == HUB
        assert atom.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}{path}.atom"
        response = client.get(f"{path}.json")
        assert json.loads(response.content)["hubs"][0]["url"] == HUB
        assert f'<{BASE}{path}.json>; rel="self"' in response["Link"]


# What appears -------------------------------------------------------------------------


def test_drafts_unpublished_and_private_items_never_appear(client, news, agency_a):
    NewsItemPageFactory(parent=agency_a.index_page, title="Bản nháp", live=False)
    news[0].unpublish()
    PageViewRestriction.objects.create(
        page=news[1], restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    for path in FEED_PATHS:
        assert atom_titles(client, f"{path}.atom") in ([], ["Chuyển đổi số ở phường"])
        assert json_titles(client, f"{path}.json") in ([], ["Chuyển đổi số ở phường"])
    assert atom_titles(client, "/feeds/tin-bai.atom") == ["Chuyển đổi số ở phường"]


def test_items_under_a_private_agency_index_never_appear(client, news, agency_a):
    PageViewRestriction.objects.create(
        page=agency_a.index_page, restriction_type=PageViewRestriction.LOGIN
    )
    assert atom_titles(client, "/feeds/tin-bai.atom") == ["Chuyển đổi số ở phường"]
    assert atom_titles(client, "/feeds/don-vi/stp.atom") == []


def test_agency_feeds_hold_only_their_agencys_items(client, news):
    assert atom_titles(client, "/feeds/don-vi/stp.atom") == ["Hội nghị CCHC", "Một cửa liên thông"]
    assert json_titles(client, "/feeds/don-vi/pbt.json") == ["Chuyển đổi số ở phường"]
    _response, parsed = get_atom(client, "/feeds/don-vi/stp.atom")
    assert "Sở Tư pháp" in parsed.feed.title
    assert parsed.feed.link == "http://testserver/cai-cach-hanh-chinh/stp/"


def test_topic_feeds_hold_only_their_topics_items(client, news):
    assert atom_titles(client, "/feeds/chu-de/ket-qua.atom") == [
        "Chuyển đổi số ở phường",
        "Một cửa liên thông",
    ]
    assert json_titles(client, "/feeds/chu-de/hoat-dong.json") == ["Hội nghị CCHC"]
    assert "Hoạt động" in get_json(client, "/feeds/chu-de/hoat-dong.json")[1]["title"]


@pytest.mark.parametrize(
    "path",
    ["/feeds/don-vi/khong-co.atom", "/feeds/don-vi/cu.json", "/feeds/chu-de/khong-co.atom"],
)
def test_unknown_or_inactive_agency_and_unknown_topic_are_404(client, news, path):
    AgencyFactory(name="Sở cũ", code="cu", active=False)
    assert client.get(path).status_code == 404


def test_unknown_format_is_404(client, news):
    assert client.get("/feeds/tin-bai.rss").status_code == 404


# Queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FEED_PATHS)
def test_news_feeds_take_the_same_queries_for_3_or_30_items(client, news, publish_item, path):
    few = {fmt: count_queries(client, f"{path}.{fmt}") for fmt in ("atom", "json")}
    topic = news[0].topic
    for day in range(27):
        publish_item(local(2026, 10, 1 + day, 9, 0), f"Tin thêm {day}", topic)
    many = {fmt: count_queries(client, f"{path}.{fmt}") for fmt in ("atom", "json")}
    assert len(atom_titles(client, f"{path}.atom")) >= 27
    assert many == few


# feed_urls_for_page -------------------------------------------------------------------


def test_feed_urls_of_a_news_item(news):
    assert feed_urls_for_page(news[0]) == [
        f"{BASE}/feeds/tin-bai.atom",
        f"{BASE}/feeds/tin-bai.json",
        f"{BASE}/feeds/don-vi/stp.atom",
        f"{BASE}/feeds/don-vi/stp.json",
        f"{BASE}/feeds/chu-de/ket-qua.atom",
        f"{BASE}/feeds/chu-de/ket-qua.json",
    ]


def test_feed_urls_are_the_feeds_own_self_urls(client, news):
    for url in feed_urls_for_page(news[0]):
        path = url.removeprefix(BASE)
        assert client.get(path).status_code == 200
        if url.endswith(".atom"):
            root = etree.fromstring(client.get(path).content)
            assert root.find(f"{ATOM}link[@rel='self']").get("href") == url


def test_no_feed_urls_for_hidden_or_other_pages(news, agency_a, section):
    draft = NewsItemPageFactory(parent=agency_a.index_page, title="Bản nháp", live=False)
    PageViewRestriction.objects.create(
        page=news[1], restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    assert feed_urls_for_page(draft) == []
    assert feed_urls_for_page(news[1]) == []
    assert feed_urls_for_page(section) == []


def test_no_agency_feed_for_an_inactive_agency(news, agency_a):
    agency_a.active = False
    agency_a.save()
    news[0].refresh_from_db()
    assert not any("/don-vi/" in url for url in feed_urls_for_page(news[0]))


# Autodiscovery ------------------------------------------------------------------------


def test_pages_advertise_the_news_feed(client, news):
    content = client.get("/cai-cach-hanh-chinh/").content.decode()
    title = "Tin, bài cải cách hành chính"
    for media_type, path in [
        ("application/atom+xml", "/feeds/tin-bai.atom"),
        ("application/feed+json", "/feeds/tin-bai.json"),
    ]:
        link = f'<link rel="alternate" type="{media_type}" title="{title}" href="{path}">'
        assert link in content


def test_the_404_page_advertises_the_feeds_too(client, section):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert 'href="/feeds/tin-bai.atom"' in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_autodiscovery_is_silent_when_the_feeds_cannot_be_reversed():
    rendered = Template("{% load cchc_feeds %}[{% news_feed_autodiscovery %}]").render(Context())
    assert rendered == "[]"
