"""Helpers for the tests of the public pages: items published at a given local time."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc_news.models import NewsItemPage
from tests.factories import NewsItemPageFactory

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args):
    return datetime(*args, tzinfo=HCM)


def publish(parent, when, campaigns=(), **kwargs):
    """A live item under `parent` first published at `when`, tagged with `campaigns`."""
    item = NewsItemPageFactory(parent=parent, **kwargs)
    NewsItemPage.objects.filter(pk=item.pk).update(first_published_at=when, last_published_at=when)
    for campaign in campaigns:
        NewsItemPage.campaigns.through.objects.create(newsitempage=item, campaign=campaign)
    item.refresh_from_db()
    return item


def cover_image(**kwargs):
    """A real image file (wagtail_factories draws one), for renditions."""
    return wagtail_factories.ImageFactory(
        file__width=kwargs.pop("width", 800), file__height=kwargs.pop("height", 450), **kwargs
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)


def card_titles(content):
    """The titles of the item cards on a listing page, in order."""
    return [
        unescape(title) for title in re.findall(r'class="card__title"><a [^>]*>(.*?)</a>', content)
    ]


def meta(content, name):
    """The content of <meta name|property="name">, or None."""
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', content)
    return unescape(match.group(1)) if match else None


def link_href(content, rel):
    match = re.search(rf'<link rel="{rel}" href="([^"]*)"', content)
    return unescape(match.group(1)) if match else None


def title(content):
    return unescape(re.search(r"<title>(.*?)</title>", content, re.S).group(1))


def add_items(agency, topic, count, start=0, **fields):
    """`count` items of `agency` under `topic`, an hour apart from 08:00 on 1 March 2026 (the
    `start`-th first), titled "Hội nghị chuyên đề số N"; `fields` for each."""
    return [
        publish(
            agency.index_page,
            local(2026, 3, 1, 8) + timedelta(hours=number),
            title=f"Hội nghị chuyên đề số {number}",
            topic=topic,
            **fields,
        )
        for number in range(start, start + count)
    ]
