"""The section's search keeps a query's ranked candidates per generation of public content,
in each process (cchc_news.generation_cache.GenerationMemo): a repeated search skips the
ranking query, a content change shows at once. Its snippets and plain texts are kept per
input: the same page either way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc_news.public import search as search_module
from tests.cchc_news.public.test_search import item, search, titles
from tests.helpers import content_committed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def ranking_queries(queries):
    # The ranking query, alone in reading the index entries.
    return [query for query in queries if "indexentry" in query["sql"].lower()]


def test_a_repeated_search_reads_the_ranked_candidates_kept(client, section, agency_a):
    item(agency_a, "Cải cách hành chính")
    content_committed()
    first = search(client, section, "cai cach")
    with CaptureQueriesContext(connection) as queries:
        again = search(client, section, "cai cach")
    assert ranking_queries(queries) == []
    assert again.content == first.content
    with CaptureQueriesContext(connection) as queries:
        other = search(client, section, "hanh chinh")  # other words: ranked
    assert ranking_queries(queries)
    assert titles(other) == ["Cải cách hành chính"]


def test_a_committed_change_is_found_by_the_next_search(client, section, agency_a):
    item(agency_a, "Cải cách hành chính")
    content_committed()
    assert titles(search(client, section, "cai cach")) == ["Cải cách hành chính"]
    item(agency_a, "Cải cách thủ tục")
    content_committed()
    assert sorted(titles(search(client, section, "cai cach"))) == [
        "Cải cách hành chính",
        "Cải cách thủ tục",
    ]


def test_a_search_in_a_change_in_progress_keeps_nothing(client, section, agency_a):
    item(agency_a, "Cải cách hành chính")  # not committed: its generation is not kept
    search(client, section, "cai cach")
    with CaptureQueriesContext(connection) as queries:
        search(client, section, "cai cach")
    assert ranking_queries(queries)


def test_snippets_kept_are_those_cut_afresh(client, section, agency_a):
    item(agency_a, "Cải cách", body="<p>Đẩy mạnh <b>cải cách</b> hành chính &amp; thủ tục.</p>")
    item(agency_a, "Cách làm", body="<p>Cách làm mới, cải tiến.</p>")
    kept = search(client, section, "cai cach").content
    search_module._snippets.clear()
    search_module.plain_text.cache_clear()
    assert search(client, section, "cai cach").content == kept


def test_the_kept_searches_are_this_processs_and_bounded(client, section, agency_a):
    """Each new query a visitor types is kept in the process, never in the shared cache."""
    from django.core.cache import cache

    item(agency_a, "Cải cách hành chính")
    content_committed()
    search(client, section, "cai cach")
    assert not [key for key in cache._cache if "search" in key]
    assert len(search_module.RANKED._values) == 1


def test_a_generation_memo_holds_one_generation_and_at_most_its_size(rf, db, settings):
    from cchc_news.generation_cache import GenerationMemo, remember_generation

    settings.CCHC_SEARCH_KEPT_QUERIES = 2
    memo = GenerationMemo("CCHC_SEARCH_KEPT_QUERIES")
    request = rf.get("/")

    def at(generation, key, value):
        remember_generation(request, generation)
        return memo.get(key, lambda: value, request)

    assert at(5, "a", "computed at 5") == "computed at 5"
    assert at(5, "a", "again") == "computed at 5"  # kept
    assert at(6, "a", "computed at 6") == "computed at 6"  # a change: computed again
    assert at(3, "a", "restored") == "restored"  # the generation went back: computed again
    at(3, "b", "b")
    at(3, "c", "c")  # full: the others are forgotten
    assert at(3, "a", "a again") == "a again"


def test_zero_kept_queries_ranks_every_search(client, section, agency_a, settings):
    settings.CCHC_SEARCH_KEPT_QUERIES = 0
    item(agency_a, "Cải cách hành chính")
    content_committed()
    first = search(client, section, "cai cach")
    with CaptureQueriesContext(connection) as queries:
        again = search(client, section, "cai cach")
    assert ranking_queries(queries)
    assert again.content == first.content
