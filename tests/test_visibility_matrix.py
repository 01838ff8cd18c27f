"""Nothing unpublished reaches a visitor: every unpublished state × every public URL.

Each case builds one subject (a news item, or a bulletin) in one state and asks one public
URL as an anonymous visitor, through the whole stack (page cache included). The marker word
of the subject's title must not appear, whatever the case (it would also show in a slug,
hence the case-insensitive check); the subject's own page, PDF and attachment answer 404 or
a login or password response. Subjects that were live first are seen on the URL before they
stop being public, which both proves that the URL can show them and that the page cache
lets go of them. The positive controls show the same subjects, live and public, everywhere.
"""

import io
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from bulletin.assembly import new_bulletin
from bulletin.models import BulletinIndexPage, BulletinPage
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from tests.factories import TopicFactory
from tests.files import make_pdf
from tests.workflows.builders import draft_item, make_document, start_review

pytestmark = pytest.mark.django_db

MARKER = "Vexillumtra"  # in the subject's title, nowhere else


@dataclass
class World:
    section: object
    agency: object
    topic: object
    archive: object
    editor: object
    subject: object = None  # the item or the bulletin under test
    bulletin: object = None  # a live bulletin listing the item (item states)
    document: object = None  # the item's attachment

    def refresh(self):
        self.subject = type(self.subject).objects.get(pk=self.subject.pk)


@pytest.fixture
def world(section, agency_a, editor_a):
    return World(
        section=section,
        agency=agency_a,
        topic=TopicFactory(name="Chủ đề kiểm tra"),
        archive=BulletinIndexPage.objects.get(),
        editor=editor_a,
    )


# Building the subjects ----------------------------------------------------------------


def new_item(world, title=f"Sở Tư pháp triển khai mô hình {MARKER}", **fields):
    """A draft item with an attachment, as its editor leaves it."""
    world.document = make_document(make_pdf(), "tep-dinh-kem.pdf", world.agency, world.editor)
    return draft_item(
        world.agency,
        world.editor,
        title=title,
        topic=world.topic,
        original_file=world.document,
        **fields,
    )


def publish(page):
    page.get_latest_revision().publish()
    return type(page).objects.get(pk=page.pk)


def bulletin_with(world, items, title=None):
    """A bulletin of this week listing `items` (a draft; publish() it)."""
    bulletin = new_bulletin(world.archive, Week.containing(timezone.now()))
    if title:
        bulletin.title = title
    bulletin.entries = [("entry", {"item": item, "note": ""}) for item in items]
    bulletin.save_revision()
    return BulletinPage.objects.get(pk=bulletin.pk)


def item_in_live_bulletin(world, item):
    world.subject = item
    world.bulletin = publish(bulletin_with(world, [item]))


def restrict(page, restriction_type):
    PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="mat-khau-rieng"
    )


@dataclass
class State:
    """How a subject gets into the state: `build` it, then (if given) `change` it."""

    name: str
    kind: str  # "item" or "bulletin"
    build: object
    change: object = None  # for subjects that were live and public first


def build_draft(world):
    item_in_live_bulletin(world, new_item(world))


def build_in_review(world):
    item = new_item(world)
    start_review(item, world.editor)
    item_in_live_bulletin(world, item)


def build_scheduled(world):
    item = new_item(world, go_live_at=timezone.now() + timedelta(days=2))
    item = publish(item)
    assert not item.live and item.get_latest_revision().approved_go_live_at
    item_in_live_bulletin(world, item)


def build_live(world):
    item_in_live_bulletin(world, publish(new_item(world)))


def unpublish(world):
    world.subject.unpublish()


def expire(world):
    NewsItemPage.objects.filter(pk=world.subject.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("publish_scheduled")  # what the scheduler runs
    world.refresh()
    assert world.subject.expired and not world.subject.live


def make_private_with_password(world):
    restrict(world.subject, PageViewRestriction.PASSWORD)


def make_private_with_login(world):
    restrict(world.subject, PageViewRestriction.LOGIN)


def make_agency_private(world):
    restrict(world.agency.index_page, PageViewRestriction.LOGIN)


def build_live_bulletin(world, published=True):
    item = publish(new_item(world, title="Sở Tư pháp rút ngắn thời gian giải quyết hồ sơ"))
    bulletin = bulletin_with(world, [item], title=f"Bản tin CCHC chuyên đề {MARKER}")
    world.subject = publish(bulletin) if published else bulletin
    world.bulletin = world.subject


def build_draft_bulletin(world):
    build_live_bulletin(world, published=False)
    assert not world.subject.live


ITEM_STATES = [
    State("draft", "item", build_draft),
    State("in_review", "item", build_in_review),
    State("scheduled", "item", build_scheduled),
    State("unpublished", "item", build_live, unpublish),
    State("expired", "item", build_live, expire),
    State("private_password", "item", build_live, make_private_with_password),
    State("private_login", "item", build_live, make_private_with_login),
    State("private_agency_index", "item", build_live, make_agency_private),
]
BULLETIN_STATES = [
    State("draft_bulletin", "bulletin", build_draft_bulletin),
    State("bulletin_unpublished", "bulletin", build_live_bulletin, unpublish),
]


# The URLs -----------------------------------------------------------------------------

# name: (URL, whether it is the subject's own page, file or PDF)
ITEM_URLS = {
    "own_page": (lambda w: w.subject.url, True),
    "document": (lambda w: w.document.url, True),
    "section_home": (lambda w: w.section.url, False),
    "agency_index": (lambda w: w.agency.index_page.url, False),
    "listing": (lambda w: w.section.url + "tin-bai/", False),
    "listing_filtered": (
        lambda w: w.section.url + f"tin-bai/?agency={w.agency.code}&topic={w.topic.slug}",
        False,
    ),
    "search": (lambda w: w.section.url + f"tim-kiem/?q={MARKER.lower()}", False),
    "feed_news_atom": (lambda w: "/feeds/tin-bai.atom", False),
    "feed_news_json": (lambda w: "/feeds/tin-bai.json", False),
    "feed_agency": (lambda w: f"/feeds/don-vi/{w.agency.code}.atom", False),
    "feed_topic": (lambda w: f"/feeds/chu-de/{w.topic.slug}.atom", False),
    "feed_bulletins": (lambda w: "/feeds/ban-tin.atom", False),
    "sitemap": (lambda w: "/sitemap.xml", False),
    "archive": (lambda w: w.archive.url, False),
    "bulletin_page": (lambda w: w.bulletin.url, False),
    "bulletin_pdf": (lambda w: w.bulletin.url + "pdf/", False),
}
BULLETIN_URLS = {
    "own_page": (lambda w: w.subject.url, True),
    "bulletin_pdf": (lambda w: w.subject.url + "pdf/", True),
    "section_home": (lambda w: w.section.url, False),
    "archive": (lambda w: w.archive.url, False),
    "search": (lambda w: w.section.url + f"tim-kiem/?q={MARKER.lower()}", False),
    "feed_bulletins_atom": (lambda w: "/feeds/ban-tin.atom", False),
    "feed_bulletins_json": (lambda w: "/feeds/ban-tin.json", False),
    "sitemap": (lambda w: "/sitemap.xml", False),
}
# Where a live item is not named at all: bulletins are listed by their own titles.
ITEM_NOT_NAMED = {"feed_bulletins", "archive"}


def cases():
    for states, urls in ((ITEM_STATES, ITEM_URLS), (BULLETIN_STATES, BULLETIN_URLS)):
        for state in states:
            for url_name in urls:
                yield pytest.param(state, url_name, id=f"{state.name}-{url_name}")


# Reading responses --------------------------------------------------------------------


def body_of(response):
    if not hasattr(response, "_body"):
        streamed = response.streaming
        response._body = b"".join(response.streaming_content) if streamed else response.content
    return response._body


def text_of(response):
    body = body_of(response)
    if response.get("Content-Type", "").startswith("application/pdf"):
        pages = PdfReader(io.BytesIO(body)).pages
        # Words may be split across text runs: compare without any spacing.
        return "".join("".join(page.extract_text().split()) for page in pages)
    return body.decode("utf-8", errors="replace")


def names_subject(response, url_name, world):
    text = text_of(response)
    if url_name == "search":  # the results page repeats the query, which is in lower case
        return MARKER in text
    if url_name == "sitemap" and world.subject.url in text:  # a bulletin's URL has no marker
        return True
    return MARKER.lower() in text.lower()


def is_login_redirect(response):
    return response.status_code == 302 and "/login/" in response["Location"]


def is_password_form(response):
    return response.status_code == 200 and 'name="password"' in text_of(response)


def get(url):
    return Client().get(url)


def urls_for(kind):
    return ITEM_URLS if kind == "item" else BULLETIN_URLS


# The matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize(("state", "url_name"), list(cases()))
def test_invisible_to_visitors(world, state, url_name):
    state.build(world)
    make_url, own = urls_for(state.kind)[url_name]
    if state.change:
        before = get(make_url(world))
        assert before.status_code == 200, "the live subject must be reachable first"
        if url_name not in ITEM_NOT_NAMED and url_name != "document":
            assert names_subject(before, url_name, world), "the live subject must show here first"
        state.change(world)
        world.refresh()

    response = get(make_url(world))

    assert response.status_code < 500
    if own:
        assert (
            response.status_code == 404
            or is_login_redirect(response)
            or (is_password_form(response) and MARKER not in text_of(response))
        ), response.status_code
    else:
        assert response.status_code == 200 or is_login_redirect(response), response.status_code
        assert not names_subject(response, url_name, world)


# Positive controls --------------------------------------------------------------------


@pytest.mark.parametrize("url_name", list(ITEM_URLS))
def test_a_live_public_item_is_visible_everywhere(world, url_name):
    build_live(world)
    make_url, own = ITEM_URLS[url_name]
    response = get(make_url(world))
    assert response.status_code == 200
    if url_name == "document":
        assert body_of(response).startswith(b"%PDF")
    elif url_name not in ITEM_NOT_NAMED:
        assert names_subject(response, url_name, world)


@pytest.mark.parametrize("url_name", list(BULLETIN_URLS))
def test_a_live_public_bulletin_is_visible_everywhere(world, url_name):
    build_live_bulletin(world)
    make_url, own = BULLETIN_URLS[url_name]
    response = get(make_url(world))
    assert response.status_code == 200
    assert names_subject(response, url_name, world)


def test_the_matrix_covers_every_state_and_url():
    ids = {param.id for param in cases()}
    assert len(ids) == len(ITEM_STATES) * len(ITEM_URLS) + len(BULLETIN_STATES) * len(BULLETIN_URLS)
    assert "private_agency_index-search" in ids and "draft_bulletin-bulletin_pdf" in ids
