"""The public bulletin pages and the central feed's payload cost the same whatever their size.

Counted without the page cache (a hit costs the same for any page): database queries and
Wagtail's look-ups of the site root paths (a cache GET each, a Redis round trip in production).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletin.assembly import assemble
from bulletin.delivery import bulletin_payload
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from tests.factories import TopicFactory
from tests.helpers import content_committed

from .conftest import local

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

W47, W48, W49 = Week(2026, 47), Week(2026, 48), Week(2026, 49)
AFTER_W49 = local(2026, 12, 7, 9, 0)


@pytest.fixture
def bulletin_of(publish_item):
    topics = [TopicFactory(name="Kết quả"), TopicFactory(name="Hoạt động")]

    def make(week, count):
        start = week.period()[0]
        for n in range(count):
            publish_item(start.replace(hour=17, minute=n % 60), f"Tin {week} {n}", topics[n % 2])
        return assemble(week, now=AFTER_W49).bulletin

    return make


def render_counts(client, url, lookups):
    client.get(url)  # renditions, reference index and the like are made on the first view
    lookups.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Cache") != "HIT"
    return len(queries), len(lookups)


def test_bulletin_page_looks_up_the_site_root_paths_once_whatever_its_size(
    client, archive, bulletin_of, root_path_lookups
):
    few = render_counts(client, bulletin_of(W48, 10).url, root_path_lookups)
    many = render_counts(client, bulletin_of(W49, 30).url, root_path_lookups)
    assert many == few
    assert few[1] <= 1


def test_bulletin_page_prints_each_entrys_full_url(client, archive, bulletin_of):
    bulletin = bulletin_of(W48, 2)
    content = client.get(bulletin.url).content.decode()
    for _topic, entries in bulletin.sections():
        for item, _note in entries:
            assert f'data-print-url="{item.full_url}"' in content


def test_a_reused_bulletin_page_reads_only_the_generation_whatever_its_size(
    client, archive, bulletin_of, root_path_lookups
):
    """Once its generation's values are kept (sections, entries' URLs, corrections), a view
    of a bulletin queries the generation of public content and nothing else."""
    few, many = bulletin_of(W48, 10), bulletin_of(W49, 30)
    content_committed()
    for bulletin in (few, many):
        client.get(bulletin.url)  # keeps its generation's values
        assert render_counts(client, bulletin.url, root_path_lookups)[0] == 1


def test_payload_looks_up_the_site_root_paths_once_whatever_its_size(
    archive, bulletin_of, root_path_lookups
):
    def lookups(bulletin):
        root_path_lookups.clear()
        payload = bulletin_payload(bulletin)
        return len(root_path_lookups), len(payload["data"]["items"])

    few, many = lookups(bulletin_of(W48, 10)), lookups(bulletin_of(W49, 30))
    assert (few[1], many[1]) == (10, 30)
    assert few[0] == many[0] <= 1


def test_archive_takes_the_same_queries_for_1_or_3_bulletins(
    client, archive, bulletin_of, root_path_lookups
):
    bulletin_of(W47, 2)
    one = render_counts(client, archive.url, root_path_lookups)
    bulletin_of(W48, 3), bulletin_of(W49, 4)
    assert render_counts(client, archive.url, root_path_lookups) == one
    assert one[1] <= 1


def test_bulletin_feed_takes_the_same_queries_for_1_or_3_bulletins_uncached(
    client, archive, bulletin_of, root_path_lookups
):
    bulletin_of(W47, 2)
    one = render_counts(client, "/feeds/ban-tin.atom", root_path_lookups)
    bulletin_of(W48, 3), bulletin_of(W49, 4)
    assert render_counts(client, "/feeds/ban-tin.atom", root_path_lookups) == one


def test_pdf_looks_up_the_site_root_paths_once_whatever_its_size(
    archive, bulletin_of, root_path_lookups
):
    from bulletin.pdf import sections_with_paths

    def lookups(bulletin):
        root_path_lookups.clear()
        sections = sections_with_paths(bulletin)
        found = len(root_path_lookups)
        items = [item for _topic, entries in sections for item, _note in entries]
        assert [item.pdf_path for item in items] == [item.url for item in items]
        return found

    assert lookups(bulletin_of(W48, 10)) == lookups(bulletin_of(W49, 30)) <= 1


def first_and_next_view_queries(client, url):
    """(queries of the view that computes what the page lists, queries of the next one): it
    is read once per generation of public content (issue 17)."""
    from cchc_news.models import ContentChange

    client.get(url)  # Wagtail's site root paths, renditions
    ContentChange.record()  # a change of content: the next view computes
    content_committed()  # as visitors meet it: committed
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return tuple(counts)


def test_archive_and_section_home_cost_the_same_for_bulletins_of_10_or_40_items(
    client, section, archive, bulletin_of
):
    urls = (archive.url, section.url)
    bulletin_of(W48, 10)
    with_10 = [first_and_next_view_queries(client, url) for url in urls]
    bulletin_of(W49, 40)
    assert [first_and_next_view_queries(client, url) for url in urls] == with_10
    assert with_10[0][1] < with_10[0][0]  # the next view reuses the list


def test_archive_and_section_home_show_a_change_of_bulletins_at_once(
    client, section, archive, bulletin_of
):
    first = bulletin_of(W48, 2)
    assert first.title in client.get(archive.url).content.decode()
    assert first.title in client.get(section.url).content.decode()
    second = bulletin_of(W49, 3)
    archive_page = client.get(archive.url).content.decode()
    assert second.title in archive_page and first.title in archive_page
    assert second.title in client.get(section.url).content.decode()
    # An item withdrawn from the web: the bulletins count their live items only.
    assert "3 tin, bài" in archive_page
    item = NewsItemPage.objects.get(pk=second.item_ids()[0])
    item.unpublish()
    assert "2 tin, bài" in client.get(archive.url).content.decode()
