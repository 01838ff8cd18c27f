"""Public feeds: Atom 1.0 and JSON Feed 1.1 of bulletins and news, with WebSub."""

import json
from datetime import datetime

import feedparser
import pytest
from django.db import connection
from django.template import Context, Template
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.models import PageViewRestriction

from bulletin import feeds
from bulletin.assembly import assemble
from bulletin.feeds import bulletin_summary, feed_urls_for_page
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from tests.factories import AgencyFactory, NewsItemPageFactory, TopicFactory

from .conftest import local

pytestmark = pytest.mark.django_db

urlpatterns = []  # a URLconf without the feeds, for the autodiscovery tag

ATOM = "{http://www.w3.org/2005/Atom}"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
BASE = "https://cong.example.gov.vn"
HUB = "https://hub.example.org/"
W48 = Week(2026, 48)


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
def news(publish_item, agency_a, agency_b, results, activities):
    """Three live items: two of agency A (one per topic), one of agency B."""
    first = publish_item(local(2026, 11, 23, 9, 0), "Một cửa liên thông", results)
    second = publish_item(local(2026, 11, 24, 9, 0), "Hội nghị CCHC", activities)
    third = publish_item(
        local(2026, 11, 25, 9, 0), "Chuyển đổi số ở phường", results, agency_b.index_page
    )
    return [first, second, third]


@pytest.fixture
def bulletin(archive, news):
    return assemble(W48).bulletin


# Helpers ------------------------------------------------------------------------------


def is_absolute(url):
    return url.startswith(("http://", "https://"))


def rfc3339(text):
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None, f"{text} has no time zone"
    return value


def assert_valid_atom(content):
    """The essentials of RFC 4287: feed and entries with id, title, updated; entries linked."""
    root = etree.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), f"feed without {name}"
    rfc3339(root.findtext(f"{ATOM}updated"))
    has_feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"entry without {name}"
        rfc3339(entry.findtext(f"{ATOM}updated"))
        alternates = [
            link.get("href")
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert alternates and all(is_absolute(href) for href in alternates)
        assert has_feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
    return root


def get_atom(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert_valid_atom(response.content)
    parsed = feedparser.parse(response.content, resolve_relative_uris=False)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


def get_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    document = json.loads(response.content)
    assert document["version"] == JSON_FEED_VERSION
    assert document["title"] and is_absolute(document["home_page_url"])
    for item in document["items"]:
        assert {"id", "url", "title", "date_published"} <= item.keys()
        assert is_absolute(item["url"])
        assert "content_text" in item or "content_html" in item
        rfc3339(item["date_published"]), rfc3339(item["date_modified"])
    return response, document


def atom_titles(client, path):
    return [entry.title for entry in get_atom(client, path)[1].entries]


def json_titles(client, path):
    return [item["title"] for item in get_json(client, path)[1]["items"]]


FEED_PATHS = [
    "/feeds/ban-tin",
    "/feeds/tin-bai",
    "/feeds/don-vi/stp",
    "/feeds/chu-de/ket-qua",
]


# Format -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FEED_PATHS)
def test_atom_feeds_parse_and_are_valid(client, bulletin, path):
    response, parsed = get_atom(client, f"{path}.atom")
    assert parsed.version == "atom10"
    assert parsed.entries
    assert parsed.feed.language == "vi"
    assert is_absolute(parsed.feed.link)
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == f"{BASE}{path}.atom"
    for entry in parsed.entries:
        assert entry.link.startswith("http://testserver/cai-cach-hanh-chinh/")
        assert entry.updated_parsed and entry.published_parsed
        assert entry.id.startswith("tag:cong.example.gov.vn,")


@pytest.mark.parametrize("path", FEED_PATHS)
def test_json_feeds_are_json_feed_1_1(client, bulletin, path):
    _response, document = get_json(client, f"{path}.json")
    assert document["feed_url"] == f"{BASE}{path}.json"
    assert document["language"] == "vi"
    assert document["items"]
    assert all(item["url"].startswith("http://testserver/") for item in document["items"])


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
def test_no_hub_links_without_a_hub(client, bulletin, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.has_header("Link")
    assert b"hub" not in response.content


def test_every_feed_advertises_the_hub(client, bulletin, settings):
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
    for path in FEED_PATHS[1:]:
        assert atom_titles(client, f"{path}.atom") in ([], ["Chuyển đổi số ở phường"])
        assert json_titles(client, f"{path}.json") in ([], ["Chuyển đổi số ở phường"])
    assert atom_titles(client, "/feeds/tin-bai.atom") == ["Chuyển đổi số ở phường"]


def test_items_under_a_private_agency_index_never_appear(client, news, agency_a):
    PageViewRestriction.objects.create(
        page=agency_a.index_page, restriction_type=PageViewRestriction.LOGIN
    )
    assert atom_titles(client, "/feeds/tin-bai.atom") == ["Chuyển đổi số ở phường"]
    assert atom_titles(client, "/feeds/don-vi/stp.atom") == []


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_unpublished_bulletins_never_appear(client, archive, news):
    assert assemble(W48).bulletin.live is False
    assert atom_titles(client, "/feeds/ban-tin.atom") == []
    assert json_titles(client, "/feeds/ban-tin.json") == []


def test_a_withdrawn_bulletin_leaves_the_feed(client, bulletin):
    assert atom_titles(client, "/feeds/ban-tin.atom") == ["Bản tin CCHC số 1/2026"]
    bulletin.unpublish()
    assert atom_titles(client, "/feeds/ban-tin.atom") == []


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


def count_queries(client, path):
    client.get(path)  # warm the caches (Wagtail's site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", FEED_PATHS[1:])
def test_news_feeds_take_the_same_queries_for_3_or_30_items(client, news, publish_item, path):
    few = {fmt: count_queries(client, f"{path}.{fmt}") for fmt in ("atom", "json")}
    topic = news[0].topic
    for day in range(27):
        publish_item(local(2026, 10, 1 + day, 9, 0), f"Tin thêm {day}", topic)
    many = {fmt: count_queries(client, f"{path}.{fmt}") for fmt in ("atom", "json")}
    assert len(atom_titles(client, f"{path}.atom")) >= 27
    assert many == few


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


def test_feed_urls_of_a_bulletin_given_as_a_plain_page(bulletin):
    assert feed_urls_for_page(bulletin.page_ptr) == [
        f"{BASE}/feeds/ban-tin.atom",
        f"{BASE}/feeds/ban-tin.json",
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


def test_pages_advertise_the_news_and_bulletin_feeds(client, news):
    content = client.get("/cai-cach-hanh-chinh/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in content
    assert 'href="/feeds/tin-bai.atom"' in content
    assert 'href="/feeds/ban-tin.atom"' in content
    assert 'type="application/feed+json"' in content


def test_the_404_page_advertises_the_feeds_too(client, section):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert 'href="/feeds/tin-bai.atom"' in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_autodiscovery_is_silent_when_the_feeds_cannot_be_reversed():
    rendered = Template("{% load bulletin_feeds %}[{% feed_autodiscovery %}]").render(Context())
    assert rendered == "[]"
