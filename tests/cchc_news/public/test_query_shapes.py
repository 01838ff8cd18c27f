"""The shape of the public pages' queries where it decides their cost at 10,000 items on
PostgreSQL (measured with EXPLAIN ANALYZE; timings are not asserted)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TopicFactory

from .public_site import local, publish

pytestmark = pytest.mark.django_db


def test_previous_and_next_items_bound_the_publication_date(agency_a):
    """A bare OR of (date, id) comparisons made PostgreSQL filter the whole date index."""
    topic = TopicFactory(name="Kết quả")
    items = [publish(agency_a.index_page, local(2026, 3, day, 9), topic=topic) for day in (1, 2, 3)]
    with CaptureQueriesContext(connection) as queries:
        assert items[1].adjacent_items() == (items[0], items[2])
    conditions = [query["sql"].partition(" WHERE ")[2] for query in queries]
    earlier, later = (where for where in conditions if "first_published_at" in where)
    assert '"wagtailcore_page"."first_published_at" <=' in earlier
    assert '"wagtailcore_page"."first_published_at" >=' in later


def test_the_facet_counts_have_covering_indexes():
    """Both counts join every visible item's page to the item: indexes holding all they read
    let PostgreSQL merge two index-only scans by id instead of hashing the tables' rows (8 ms
    each at 5,000 items; 1.5 and 2.4 ms with the indexes, EXPLAIN ANALYZE)."""

    def columns(table):
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, table)
        return {name: found["columns"] for name, found in constraints.items() if found["index"]}

    assert columns("wagtailcore_page")["cchc_wagtailcore_page_id_live_depth_path"] == [
        "id",
        "live",
        "depth",
        "path",
    ]
    assert columns("cchc_news_newsitempage")["cchc_news_item_page_topic_agency"] == [
        "page_ptr_id",
        "topic_id",
        "agency_id",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_topic_and_agency_count_reads_the_items_index_only(section, agency_a):
    from cchc_news.models import NewsItemPage
    from cchc_news.models.facet_counts import facet_count_queries

    visible = NewsItemPage.objects.descendant_of(section).for_listing()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test's tables are tiny
    plan = facet_count_queries(visible)[0].explain()
    assert "Index Only Scan using cchc_news_item_page_topic_agency" in plan, plan
