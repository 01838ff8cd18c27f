"""What routing a public page under the section reads: each page it passes once, and what the
page shows of it with it (issue 17: the queries of an uncached page are most of its cost).

Counted on a second, uncached view (Wagtail's site root paths are cached by the first).
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cchc_news.models import NewsItemPage
from cchc_news.models.pages import restricted_pages
from tests.factories import TopicFactory
from tests.helpers import content_committed

from .public_site import local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def tables_read(client, url):
    """The table each query of a second view of `url` reads first (its FROM), in order."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"].partition(" FROM ")[2].split(" ", 1)[0].strip('"') for query in queries]


@pytest.fixture
def item(agency_a):
    return publish(agency_a.index_page, local(2026, 3, 2, 9), topic=TopicFactory(name="Kết quả"))


def test_an_item_is_routed_to_with_its_agency_and_topic(client, item):
    """The agency index reads its item with the agency and topic its page shows: one query,
    not the bare page, then the item, then the agency, then the topic."""
    tables = tables_read(client, item.url)
    assert "cchc_news_agency" not in tables, tables
    assert "cchc_news_topic" not in tables, tables
    item_fetches = [
        table
        for table in tables[: tables.index("wagtailcore_pageviewrestriction")]
        if table == "cchc_news_newsitempage"
    ]
    assert len(item_fetches) == 1, tables


def queries_of(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


@pytest.mark.parametrize("page", ["item", "agency index"])
def test_a_page_under_the_section_reads_the_section_once(client, section, item, agency_a, page):
    """The header's section is the one the request was routed through, not looked up again
    (routing reads it by its slug, its own row joined in, or from its table)."""
    url = item.url if page == "item" else agency_a.index_page.url
    by_slug = f'"wagtailcore_page"."slug" = \'{section.slug}\''
    queries = queries_of(client, url)
    reads = [sql for sql in queries if by_slug in sql or 'FROM "cchc_news_cchcsectionpage"' in sql]
    assert len(reads) == 1, reads


SPECIFIC_BY_ID = re.compile(r'WHERE "(\w+)"\."page_ptr_id" = ')


@pytest.mark.parametrize("page", ["item", "agency index"])
def test_each_level_of_the_address_is_read_in_one_query(client, item, agency_a, page):
    """Wagtail reads each page it routes through twice: bare, then as its specific page by id.
    Below the site's root (Wagtail's own look-up) each is read once, its specific row joined."""
    url = item.url if page == "item" else agency_a.index_page.url
    read_again = [
        m.group(1) for sql in queries_of(client, url) for m in SPECIFIC_BY_ID.finditer(sql)
    ]
    assert set(read_again) <= {"home_homepage"}, read_again


def test_an_unknown_address_under_the_section_is_still_not_found(client, section):
    assert client.get(section.url + "khong-co-trang-nay/").status_code == 404
    assert client.get(section.url + "khong-co-trang-nay/them/").status_code == 404


def test_an_unknown_address_under_an_agency_index_is_still_not_found(client, item, agency_a):
    assert client.get(agency_a.index_page.url + "khong-co-tin-nay/").status_code == 404
    assert client.get(item.url + "them/").status_code == 404


# View restrictions ----------------------------------------------------------------------


RESTRICTIONS_TABLE = '"wagtailcore_pageviewrestriction"'


def restrictions_of(page):
    """The page's restrictions, and the queries that read restrictions to find them (the
    generation of public content, which keys the list of restricted pages, is read apart)."""
    with CaptureQueriesContext(connection) as queries:
        found = set(page.get_view_restrictions())
    return found, len([query for query in queries if RESTRICTIONS_TABLE in query["sql"]])


def test_a_pages_view_restrictions_are_read_in_one_query(item, agency_a):
    """Wagtail's check before serving reads the ancestors, then their restrictions."""
    restriction = PageViewRestriction.objects.create(
        page=agency_a.index_page, restriction_type=PageViewRestriction.LOGIN
    )
    content_committed()
    restricted_pages()  # the list of restricted pages, once per generation
    item = NewsItemPage.objects.get(pk=item.pk)
    assert restrictions_of(item) == ({restriction}, 1)
    assert restrictions_of(agency_a.index_page.specific) == ({restriction}, 1)
    section = agency_a.index_page.get_parent().specific
    assert restrictions_of(section) == (set(), 1)


def test_an_alias_has_the_view_restrictions_of_its_source(item, agency_a, agency_b):
    """As in Wagtail: an alias page, or an alias among the ancestors, is checked as its source."""
    restriction = PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.LOGIN
    )
    alias = item.create_alias(parent=agency_b.index_page, update_slug="ban-sao")
    assert restrictions_of(NewsItemPage.objects.get(pk=alias.pk))[0] == {restriction}


# Breadcrumbs ----------------------------------------------------------------------------

ANCESTORS_QUERY = 'FROM "wagtailcore_page" WHERE ("wagtailcore_page"."path" IN ('


def test_breadcrumbs_are_the_pages_the_request_was_routed_through(client, section, item, agency_a):
    """Wagtail's route keeps each page's parent on it: the trail needs no query of its own."""
    search = section.url + "tim-kiem/?q=ket+qua"
    urls = [section.url, section.url + "tin-bai/", search, agency_a.index_page.url, item.url]
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert not [q["sql"] for q in queries if ANCESTORS_QUERY in q["sql"]], url
    trail = re.search(r'<nav class="breadcrumbs.*?</nav>', response.content.decode(), re.S)
    links = re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', trail.group(0))
    assert links == [
        ("/", section.get_parent().title),
        (section.url, section.title),
        (agency_a.index_page.url, agency_a.index_page.title),
    ]


def test_a_page_not_routed_to_reads_its_trail(rf, section, item, agency_a):
    """A preview (or any render without Wagtail's route) still shows the whole trail."""
    from django.template.loader import render_to_string

    page = NewsItemPage.objects.get(pk=item.pk)
    html = render_to_string(
        "cchc/includes/breadcrumbs.html", {"page": page, "request": rf.get("/")}
    )
    assert section.url in html and agency_a.index_page.url in html and 'href="/"' in html


# The listings' view restrictions --------------------------------------------------------

ALL_RESTRICTIONS = 'FROM "wagtailcore_pageviewrestriction" INNER JOIN "wagtailcore_page"'


def test_pages_that_list_pages_read_all_view_restrictions_once(client, section, item):
    """`.public()` reads every restriction at each call: the section home (its items, agencies,
    latest bulletin and that bulletin's items), the feed (its section and its items).

    Counted on a view that computes what it lists: the section home's lists are read once per
    generation of public content (cchc_news.generation_cache), which clearing the cache forgets.
    """
    content_committed()
    for url in (section.url, "/feeds/tin-bai.atom"):
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len([q for q in queries if ALL_RESTRICTIONS in q["sql"]]) == 1, url


def test_a_listing_leaves_out_the_items_of_a_private_section_still(client, section, item):
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    for url in (section.url, section.url + "tin-bai/", "/feeds/tin-bai.atom"):
        assert item.title not in client.get(url).content.decode(), url
