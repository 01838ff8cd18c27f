"""An anonymous visitor's request is routed from the pages of the generation of public content
(cchc_news.public.route_cache, issue 17): the Site, its root page and each page of the address
read once per generation, not on each uncached view; a change of them shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import Site

from cchc_news import generation_cache
from cchc_news.generation_cache import KEY, request_generation
from cchc_news.models import DepartmentIdentity
from tests.factories import TopicFactory
from tests.helpers import content_committed

from .public_site import local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

ROUTING_TABLES = ('"wagtailcore_site"', '"wagtailcore_page"')
GENERATION_READ = 'FROM "cchc_news_contentchange"'


@pytest.fixture
def item(agency_a):
    return publish(agency_a.index_page, local(2026, 3, 2, 9), topic=TopicFactory(name="Kết quả"))


def second_view(client, url):
    content_committed()  # the fixtures' content, as it stands when visitors come
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


def routing_reads(queries):
    """The queries that read a Site or pages first (their first FROM)."""
    return [sql for sql in queries if sql.partition(" FROM ")[2].startswith(ROUTING_TABLES)]


@pytest.mark.parametrize("page", ["section", "agency index", "item", "bulletin archive"])
def test_a_second_anonymous_view_routes_without_a_query(client, section, agency_a, item, page):
    """Before: the Site with its root page, the root page as its HomePage, then each page of
    the address below it: one query each, on every view the page cache did not answer."""
    archive = section.get_children().live().exclude(pk=agency_a.index_page.pk).first()
    url = {
        "section": section.url,
        "agency index": agency_a.index_page.url,
        "item": item.url,
        "bulletin archive": archive.url if archive else section.url,
    }[page]
    queries = second_view(client, url)
    assert routing_reads(queries) == [], queries


def test_a_second_anonymous_view_reads_the_generation_once(client, section, item):
    """Wagtail's check of view restrictions is not handed the request: outside a transaction
    it read the generation a second time (inside the test's, the restrictions are not cached,
    so this only guards the count)."""
    queries = second_view(client, item.url)
    assert len([sql for sql in queries if GENERATION_READ in sql]) == 1, queries


def test_the_feeds_find_their_site_without_a_query(client, section, item):
    queries = second_view(client, "/feeds/tin-bai.atom")
    assert not [sql for sql in queries if 'FROM "wagtailcore_site"' in sql], queries


def test_a_second_anonymous_view_reads_the_sites_root_paths_with_its_site(
    client, section, item, monkeypatch
):
    """Before: Wagtail read the sites' root paths (its page URLs' roots) from its cache on
    every view; now they come with the generation's Site, and are those Wagtail reads."""
    second_view(client, item.url)
    reads = []
    read_root_paths = Site.get_site_root_paths
    monkeypatch.setattr(
        Site, "get_site_root_paths", staticmethod(lambda: reads.append(1) or read_root_paths())
    )
    response = client.get(item.url)
    assert response.status_code == 200
    assert reads == []
    assert response.wsgi_request._wagtail_cached_site_root_paths == read_root_paths()


def test_a_second_anonymous_view_reads_the_identity_with_its_site(
    client, section, item, monkeypatch
):
    """Before: the Department's identity (every page's header and footer) was a read of its
    own in the cache on each view; now it comes with the generation's Site."""
    second_view(client, item.url)
    keys = []
    store = generation_cache.store()
    get = store.get
    monkeypatch.setattr(store, "get", lambda key, *args: keys.append(key) or get(key, *args))
    monkeypatch.setattr(generation_cache, "store", lambda: store)
    response = client.get(item.url)
    assert response.status_code == 200
    assert keys and not [key for key in keys if ":identity:" in key], keys
    identity = DepartmentIdentity.for_site(Site.objects.get(is_default_site=True))
    assert escape(identity.full_name) in response.content.decode()


def test_a_signed_in_users_view_is_routed_from_the_database(client, section, item, admin_user):
    """A draft's save changes the page's row without moving the generation on: an editor's
    view of the page (its admin shortcuts) reads the row as it is."""
    client.force_login(admin_user)
    queries = second_view(client, item.url)
    assert [sql for sql in queries if 'FROM "wagtailcore_site"' in sql], queries


def test_an_unpublished_page_is_not_found_at_once(client, section, item):
    second_view(client, item.url)
    item.unpublish()
    content_committed()
    assert client.get(item.url).status_code == 404


def test_a_page_published_since_is_found_at_once(client, section, agency_a, item):
    second_view(client, item.url)
    assert client.get(agency_a.index_page.url + "tin-moi/").status_code == 404
    publish(agency_a.index_page, local(2026, 3, 3, 9), title="Tin mới", slug="tin-moi").save()
    content_committed()
    assert client.get(agency_a.index_page.url + "tin-moi/").status_code == 200


def test_a_changed_site_is_seen_at_once(client, section, item):
    second_view(client, section.url)
    site = Site.objects.get(is_default_site=True)
    site.root_page = section
    site.save()
    content_committed()
    assert section.title in client.get("/").content.decode()
    assert client.get("/tin-bai/").status_code == 200  # the section's own route, now at the root


def test_an_unknown_address_is_not_kept(client, section):
    content_committed()
    assert client.get(section.url + "khong-co-trang-nay/").status_code == 404
    generation = request_generation()
    name = f"route-child:{section.pk}:khong-co-trang-nay"
    assert cache.get(KEY.format(generation=generation, name=name), "absent") == "absent"
