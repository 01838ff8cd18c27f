"""The section's search runs its candidate query from SQL compiled once per shape
(cchc_news.public.compiled_search), with the same rows as the query built at each search."""

from unittest import mock

import pytest
from django.db import connection
from django.test import RequestFactory

from cchc_news.public import candidate_scores, compiled_search, search
from tests.cchc_news.public.test_search import backend, item

pytestmark = pytest.mark.django_db
__all__ = ["backend"]  # the fixture, parametrised over the backends of this database

QUERIES = ["cai cach", "cải cách", "cai CÁCH", "Cải", "hành chính", "4849/BNV-CCHC", "it's", "zzz"]


@pytest.fixture
def items(agency_a):
    return [
        item(agency_a, "Cải cách hành chính", body="<p>Công văn 4849/BNV-CCHC.</p>"),
        item(agency_a, "Cài đặt phần mềm", body="<p>Cách dùng; cải cách.</p>"),
        item(agency_a, "Tin vắn", summary="Cai cach hanh chinh.", body="<p>It's done.</p>"),
        item(agency_a, "CẢI CÁCH thủ tục", body="<p>Nội dung.</p>"),
    ]


def built_at_each_search(section, query, limit, request):
    matches = search.candidate_matches(section, query, limit + 1, request)
    return candidate_scores.rows(matches)


@pytest.mark.parametrize("query", QUERIES)
def test_compiled_query_finds_what_the_built_one_finds(section, backend, items, query):
    request = RequestFactory().get("/")
    limit = 200
    rows, _backend = compiled_search.scored_rows(
        query,
        search.search_shape(section, limit, request),
        lambda text: candidate_scores.scored_sql(
            search.candidate_matches(section, text, limit + 1, request)
        ),
    )
    if connection.vendor != "postgresql":
        assert rows is None  # SQLite's backends cannot tell a query's values: built each time
        return
    assert rows == built_at_each_search(section, query, limit, request)


def test_the_query_is_built_once_per_shape(section, backend, items):
    # The first search of words without marks compiles the query for them all.
    search.search_pages(section, "cai cach", RequestFactory().get("/"))
    with mock.patch.object(
        search, "candidate_matches", wraps=search.candidate_matches
    ) as candidate_matches:
        pks, _more = search.search_pages(section, "hanh chinh", RequestFactory().get("/"))
    assert pks
    assert candidate_matches.called is (connection.vendor != "postgresql")


def probe_sql(probe):
    return "SELECT %s, %s, %s", [1, f"'{probe}'", "weights"]


def test_a_shape_whose_sql_does_not_follow_the_probes_is_not_compiled():
    probes = [("a", ("'a'", None)), ("b", ("'b'", None))]
    assert compiled_search.compile_shape(probe_sql, probes) == (
        "SELECT %s, %s, %s",
        [(1, None), (None, 0), ("weights", None)],
    )
    # The SQL differs with the words: no SQL is kept for the shape.
    assert compiled_search.compile_shape(lambda probe: (f"SELECT {probe}", []), probes) is None
    # A parameter that differs with the words but is not one of their values.
    assert compiled_search.compile_shape(lambda probe: ("SELECT %s", [probe]), probes) is None
