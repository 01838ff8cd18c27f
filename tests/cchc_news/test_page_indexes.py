"""The indexes that the public pages' queries need at 10,000 items (timings are not asserted)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_wagtails_pages_are_indexed_by_depth_and_path():
    """A page's children (the section menu, a route's next step) are found by depth and a
    range of paths: without this index, by reading every page of the section."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    indexed = [info["columns"] for info in constraints.values() if info["index"]]
    assert ["depth", "path"] in indexed
