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
