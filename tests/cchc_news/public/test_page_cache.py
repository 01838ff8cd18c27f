"""The anonymous page cache: what it stores, whom it serves, and when it is purged."""

import logging
import time
import uuid

import pytest
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import CollectionViewRestriction, PageViewRestriction, Site

from cchc_news.models import DepartmentIdentity, NewsItemPage
from cchc_news.public import page_cache
from tests.admin_forms import news_item_form
from tests.conftest import UNREACHABLE_BROKER
from tests.factories import AgencyFactory, NewsItemPageFactory, TopicFactory
from tests.files import make_pdf
from tests.workflows.builders import draft_item, make_document

pytestmark = pytest.mark.django_db

TITLE = "Phường Bến Nghé số hoá hồ sơ Quyzzical"
MARKER = "Quyzzical"


@pytest.fixture
def topic(db):
    return TopicFactory(name="Số hoá")


def public_urls(section, agency, topic):
    """Where a newly published item of `agency` about `topic` shows."""
    return [
        section.url,
        agency.index_page.url,
        section.url + "tin-bai/",
        "/feeds/tin-bai.atom",
        "/feeds/tin-bai.json",
        f"/feeds/don-vi/{agency.code}.atom",
        f"/feeds/chu-de/{topic.slug}.atom",
    ]


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def generation():
    return page_cache.current_generation()


# Serving ------------------------------------------------------------------------------


def test_anonymous_page_is_a_miss_then_a_hit(client, section, django_assert_num_queries):
    first = fetch(client, section.url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):  # one Redis MGET: the generation's lease and the entry
        second = fetch(client, section.url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Headers added above the cache (security) are on every response.
    assert second["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("fmt", ["atom", "json"])
def test_feeds_are_cached(client, section, fmt):
    url = f"/feeds/tin-bai.{fmt}"
    assert fetch(client, url)["X-Cache"] == "MISS"
    hit = fetch(client, url)
    assert hit["X-Cache"] == "HIT"
    assert hit["Content-Type"].startswith(
        {"atom": "application/atom+xml", "json": "application/feed+json"}[fmt]
    )


@pytest.mark.parametrize("url", ["/sitemap.xml", "/robots.txt"])
def test_sitemap_and_robots_are_cached(client, section, url):
    assert fetch(client, url)["X-Cache"] == "MISS"
    assert fetch(client, url)["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    ("path", "content_type", "cacheable"),
    [
        ("/sitemap.xml", "application/xml", True),
        ("/robots.txt", "text/plain", True),
        ("/feeds/tin-bai.atom", "application/atom+xml; charset=utf-8", True),
        ("/ban-tin.pdf", "application/pdf", False),
        ("/notes.txt", "text/plain", False),
        ("/api/items", "application/json", False),
    ],
)
def test_what_kinds_of_responses_are_stored(path, content_type, cacheable):
    request = RequestFactory().get(path)
    response = HttpResponse(b"x", content_type=content_type)
    assert page_cache.response_is_cacheable(request, response) is cacheable


def test_query_string_variants_are_separate_entries(client, section, topic):
    listing = section.url + "tin-bai/"
    assert fetch(client, listing)["X-Cache"] == "MISS"
    assert fetch(client, listing + f"?topic={topic.slug}")["X-Cache"] == "MISS"
    assert fetch(client, listing + f"?topic={topic.slug}")["X-Cache"] == "HIT"
    assert fetch(client, listing)["X-Cache"] == "HIT"


def test_each_host_has_its_own_entries(client, section):
    assert fetch(client, section.url)["X-Cache"] == "MISS"
    assert fetch(client, section.url, HTTP_HOST="localhost")["X-Cache"] == "MISS"
    assert fetch(client, section.url, HTTP_HOST="localhost")["X-Cache"] == "HIT"


def test_head_is_answered_from_a_get(client, section):
    assert client.head(section.url)["X-Cache"] == "MISS"
    assert client.head(section.url)["X-Cache"] == "MISS"  # HEAD alone stores nothing
    fetch(client, section.url)
    head = client.head(section.url)
    assert head.status_code == 200 and head["X-Cache"] == "HIT"


def test_zero_seconds_turns_the_cache_off(client, section, settings):
    settings.CCHC_PAGE_CACHE_SECONDS = 0
    fetch(client, section.url)
    assert "X-Cache" not in fetch(client, section.url)


# Never cached -------------------------------------------------------------------------


def test_not_found_is_not_stored(client, section):
    for _ in range(2):
        response = client.get(section.url + "khong-co-trang-nay/")
        assert response.status_code == 404
        assert response.get("X-Cache") != "HIT"


def test_responses_that_set_cookies_are_not_stored(client, agency_a):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    for _ in range(2):
        response = client.get(item.url)
        assert response.get("X-Cache") != "HIT"
        assert MARKER not in response.content.decode()


def test_requests_with_a_session_or_credentials_bypass_the_cache(client, section):
    fetch(client, section.url)
    assert fetch(client, section.url)["X-Cache"] == "HIT"
    client.cookies["sessionid"] = "whatever"
    assert "X-Cache" not in fetch(client, section.url)
    assert "X-Cache" not in fetch(Client(), section.url, HTTP_AUTHORIZATION="Bearer x")


def test_post_and_admin_are_not_cached(client, section, office_user):
    assert "X-Cache" not in client.post(section.url)
    login = reverse("wagtailadmin_login")
    assert "X-Cache" not in client.get(login)
    assert "X-Cache" not in client.get(login)


def test_logged_in_users_neither_get_nor_fill_the_cache(client, agency_a, editor_a):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    client.force_login(editor_a)
    assert "X-Cache" not in fetch(client, item.url)
    visitor = Client()
    assert fetch(visitor, item.url)["X-Cache"] == "MISS"  # the editor stored nothing
    assert fetch(visitor, item.url)["X-Cache"] == "HIT"
    assert "X-Cache" not in fetch(client, item.url)  # and the editor is not served it


def test_an_editors_preview_never_reaches_visitors(client, agency_a, editor_a, topic):
    item = draft_item(agency_a, editor_a, title=TITLE, topic=topic)
    item.latest_revision.publish()
    client.force_login(editor_a)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(item.pk,))
    draft = news_item_form(title="Bản sửa chưa duyệt Zephyrine", topic=topic, slug=item.slug)
    assert client.post(preview_url, draft).json()["is_valid"]
    preview = client.get(preview_url)
    assert "Zephyrine" in preview.content.decode()
    assert "X-Cache" not in preview
    page = fetch(Client(), item.url)
    assert page["X-Cache"] == "MISS"
    assert "Zephyrine" not in page.content.decode() and MARKER in page.content.decode()


# Purging ------------------------------------------------------------------------------


def assert_everywhere(urls, present):
    for url in urls:
        response = fetch(Client(), url)
        assert (MARKER in response.content.decode()) is present, url
        assert response["X-Cache"] == "MISS", url  # purged, not served stale


def warm(urls):
    for url in urls:
        fetch(Client(), url)
        assert fetch(Client(), url)["X-Cache"] == "HIT", url


def test_publishing_a_revision_shows_the_item_at_once(
    section, agency_a, editor_a, office_user, topic
):
    urls = public_urls(section, agency_a, topic)
    item = draft_item(agency_a, editor_a, title=TITLE, topic=topic)
    warm(urls)
    item.latest_revision.publish(user=office_user)
    assert_everywhere(urls, present=True)


def test_a_factory_saved_live_item_shows_at_once(section, agency_a, topic):
    urls = public_urls(section, agency_a, topic)
    warm(urls)
    NewsItemPageFactory(parent=agency_a.index_page, title=TITLE, topic=topic)
    assert_everywhere(urls, present=True)


def test_unpublishing_hides_the_item_at_once(section, agency_a, topic):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE, topic=topic)
    urls = [*public_urls(section, agency_a, topic), item.url]
    for url in urls:
        assert MARKER in fetch(Client(), url).content.decode()
    warm(urls)
    NewsItemPage.objects.get(pk=item.pk).unpublish()
    assert_everywhere(urls[:-1], present=False)
    assert Client().get(item.url).status_code == 404


def test_saving_a_draft_of_a_live_page_keeps_the_cache(agency_a, editor_a):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    before = generation()
    item.title = "Bản nháp mới"
    item.save_revision(user=editor_a)
    assert generation() == before


def test_submitting_for_review_keeps_the_cache(agency_a, editor_a):
    item = draft_item(agency_a, editor_a, title=TITLE)
    before = generation()
    item.get_workflow().start(item, editor_a)
    assert generation() == before


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda agency: TopicFactory(name="Chủ đề mới"), id="topic"),
        pytest.param(lambda agency: AgencyFactory(), id="agency"),
        pytest.param(lambda agency: agency.kind.save(), id="agency-kind"),
        pytest.param(lambda agency: Site.objects.get().save(), id="site"),
        pytest.param(
            lambda agency: DepartmentIdentity.objects.update_or_create(
                site=Site.objects.get(), defaults={"phone": "0263 3 822 000"}
            ),
            id="department-identity",
        ),
        pytest.param(lambda agency: make_document(make_pdf(), "tep.pdf", agency), id="document"),
        pytest.param(
            lambda agency: get_image_model().objects.create(
                title="Ảnh", file=get_test_image_file(), collection=agency.collection
            ),
            id="image",
        ),
        pytest.param(
            lambda agency: PageViewRestriction.objects.create(
                page=agency.index_page, restriction_type=PageViewRestriction.LOGIN
            ),
            id="page-view-restriction",
        ),
        pytest.param(
            lambda agency: CollectionViewRestriction.objects.create(
                collection=agency.collection, restriction_type=CollectionViewRestriction.LOGIN
            ),
            id="collection-view-restriction",
        ),
        pytest.param(
            lambda agency: NewsItemPage.objects.filter(agency=agency).first().delete(),
            id="page-delete",
        ),
    ],
)
def test_public_changes_purge(agency_a, change):
    NewsItemPageFactory(parent=agency_a.index_page)
    before = generation()
    change(agency_a)
    assert generation() > before


def test_moving_a_page_purges(agency_a, agency_b):
    item = NewsItemPageFactory(parent=agency_a.index_page)
    before = generation()
    item.move(agency_b.index_page, pos="last-child")
    assert generation() > before


def test_renditions_and_file_metadata_do_not_purge(agency_a):
    image = get_image_model().objects.create(
        title="Ảnh", file=get_test_image_file(), collection=agency_a.collection
    )
    document = make_document(make_pdf(), "tep.pdf", agency_a)
    before = generation()
    image.get_rendition("width-100")  # rendering a page creates renditions
    for media in (image, document):
        # What Wagtail fills in when first asked, with save(update_fields=[...]).
        media.file_size, media.file_hash = None, ""
        media.get_file_size()
        media.get_file_hash()
    assert generation() == before


# Real commits; serialized_rollback leaves the database as the browser tests expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_response_stored_during_the_change_is_not_served_after_commit(agency_a):
    """A request that read the old rows before the commit cannot keep them cached."""
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    url = "http://testserver" + item.url
    before = generation()  # what other connections read until the commit
    with transaction.atomic():
        item.title = "Tiêu đề mới"
        item.save()
        item.save()
        # A concurrent request, still reading the old title, stores it during the change.
        stale = HttpResponse(TITLE.encode(), content_type="text/html")
        expires = time.time() + 300
        entry = (before, True, expires, stale.status_code, list(stale.items()), stale.content)
        page_cache.save_entry(page_cache.entry_key(url), entry, 300)
    assert generation() > before  # committed with the change
    response = fetch(Client(), item.url)
    assert response["X-Cache"] == "MISS" and "Tiêu đề mới" in response.content.decode()


# Cache failures -----------------------------------------------------------------------

BROKEN_REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": UNREACHABLE_BROKER,  # a closed port
    "OPTIONS": {"socket_connect_timeout": 0.5},
}


def test_a_broken_page_cache_serves_pages_uncached(agency_a, caplog):
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    caches_setting = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with (
        override_settings(
            CACHES={**caches_setting, "pages": BROKEN_REDIS}, CCHC_PAGE_CACHE_ALIAS="pages"
        ),
        caplog.at_level(logging.WARNING, logger="cchc_news.public.page_cache"),
    ):
        for _ in range(2):
            response = Client().get(item.url)
            assert response.status_code == 200
            assert MARKER in response.content.decode()
            assert "X-Cache" not in response
        before = generation()
        item.title = TITLE + " (sửa)"
        item.save()  # the purge is in the database: Redis has no part in it
        assert generation() > before
    assert "Page cache unavailable" in caplog.text


def test_the_whole_site_runs_without_redis(agency_a, caplog):
    """With the production backend, Wagtail's own cache reads do not break pages either."""
    item = NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
    broken = {**BROKEN_REDIS, "BACKEND": "portal.cache.ResilientRedisCache"}
    with override_settings(CACHES={"default": broken}), caplog.at_level(logging.WARNING):
        for url in (item.url, "/feeds/tin-bai.atom"):
            response = Client().get(url)
            assert response.status_code == 200
            assert MARKER in response.content.decode()
        NewsItemPageFactory(parent=agency_a.index_page)
    assert "Redis cache unreachable" in caplog.text


def test_on_a_real_redis(section, agency_a):
    """The same MISS, HIT and purge on Redis (whose INCR and serialisation differ)."""
    location = "redis://127.0.0.1:6379/3"
    redis = {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": location,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    with override_settings(CACHES={"default": redis}):
        if not caches["default"].add("ping", 1, timeout=5):
            pytest.skip("no Redis at 127.0.0.1:6379 (CI provides one)")
        try:
            assert fetch(Client(), section.url)["X-Cache"] == "MISS"
            assert fetch(Client(), section.url)["X-Cache"] == "HIT"
            NewsItemPageFactory(parent=agency_a.index_page, title=TITLE)
            fresh = fetch(Client(), section.url)
            assert fresh["X-Cache"] == "MISS" and MARKER in fresh.content.decode()
        finally:
            caches["default"].delete("ping")
