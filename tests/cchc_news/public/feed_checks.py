"""Helpers for the tests of the feeds (the news feeds here, the bulletins' feed in
tests/bulletin/test_feeds.py): fetch a feed and check it against its format."""

import json
from datetime import datetime

import feedparser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
BASE = "https://cong.example.gov.vn"
HUB = "https://hub.example.org/"


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


def count_queries(client, path):
    client.get(path)  # warm the caches (Wagtail's site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def check_atom_feed(client, path):
    """The Atom feed at `path` parses as Atom 1.0 in Vietnamese, with absolute links, its own
    URL as `self` and entries with links, dates and tag: ids."""
    _response, parsed = get_atom(client, f"{path}.atom")
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


def check_json_feed(client, path):
    """The JSON Feed 1.1 at `path`: its own URL, Vietnamese, items with absolute URLs."""
    _response, document = get_json(client, f"{path}.json")
    assert document["feed_url"] == f"{BASE}{path}.json"
    assert document["language"] == "vi"
    assert document["items"]
    assert all(item["url"].startswith("http://testserver/") for item in document["items"])
