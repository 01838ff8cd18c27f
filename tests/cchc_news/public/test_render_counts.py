"""Every public page of the section costs the same whatever the number of items.

Counted without the page cache (a hit costs the same for any page), after a first view
(renditions, the reference index): database queries and Wagtail's look-ups of the site
root paths (a cache GET each, a Redis round trip in production).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .public_site import local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def public_urls(section, agency, first_item):
    return [
        section.url,
        section.url + "tin-bai/",
        section.url + "tin-bai/?agency=stp&topic=ket-qua",
        agency.index_page.url,
        first_item.url,
        section.url + "tim-kiem/?q=hoi+nghi",
        "/feeds/tin-bai.atom",
        "/feeds/tin-bai.json",
        f"/feeds/don-vi/{agency.code}.atom",
        "/feeds/chu-de/ket-qua.atom",
    ]


def add_items(agency, topic, count, start):
    return [
        publish(
            agency.index_page,
            local(2026, 3, 1, 8) + (local(2026, 3, 1, 9) - local(2026, 3, 1, 8)) * number,
            title=f"Hội nghị chuyên đề số {number}",
            summary=f"Hội nghị cải cách hành chính lần {number}.",
            topic=topic,
        )
        for number in range(start, start + count)
    ]


def counts(client, urls, lookups):
    """{url: (queries, site root path look-ups)} of a second, uncached, view of each."""
    found = {}
    for url in urls:
        client.get(url)
        lookups.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert response.get("X-Cache") != "HIT"
        found[url] = (len(queries), len(lookups))
    return found


def test_public_pages_cost_the_same_for_10_or_30_items(
    client, section, agency_a, topic, root_path_lookups
):
    first = add_items(agency_a, topic, 10, start=0)[0]
    urls = public_urls(section, agency_a, first)
    with_10 = counts(client, urls, root_path_lookups)
    add_items(agency_a, topic, 20, start=10)
    assert counts(client, urls, root_path_lookups) == with_10
    assert all(lookups <= 1 for _queries, lookups in with_10.values()), list(with_10.items())


def test_the_section_home_counts_its_facets_by_grouping_the_visible_items(
    client, section, agency_a, topic
):
    """Topics, campaigns and agencies are counted by GROUP BY over the visible items, not by
    matching each facet row's items against them (`COUNT(...) FILTER (WHERE ... IN (SELECT`),
    which took three times as long at 10,000 items on PostgreSQL (bench/results.md)."""
    add_items(agency_a, topic, 3, start=0)
    # The first view of this generation of content: it counts (the next ones read the counts).
    with CaptureQueriesContext(connection) as queries:
        assert client.get(section.url).status_code == 200
    counting = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert counting, "the facets are counted"
    assert not [sql for sql in counting if "FILTER (WHERE" in sql.upper()], counting


def test_the_item_page_costs_the_same_with_1_or_20_related_items_and_references(
    client, section, agency_a, topic, root_path_lookups
):
    from cchc_news.models import NewsItemPage, NewsItemReference

    item = add_items(agency_a, topic, 2, start=0)[0]  # and one related item

    def with_references(count):
        page = NewsItemPage.objects.get(pk=item.pk)
        page.references = [NewsItemReference(number=f"{n}/KH-UBND") for n in range(count)]
        page.save_revision().publish()
        return counts(client, [item.url], root_path_lookups)

    few = with_references(1)
    add_items(agency_a, topic, 19, start=2)
    assert with_references(20) == few
