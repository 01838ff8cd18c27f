"""The search ranks a bounded number of matches: a common word costs no more than a rare one."""

import unicodedata
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from cchc_news.public.text_folding import fold_in_place, fold_with_spans
from tests.cchc_news.public.test_search import HCM, backend, item, published_on, search, titles
from tests.system_checks import ids_of

pytestmark = pytest.mark.django_db
__all__ = ["backend"]  # the fixture, parametrised over the backends of this database

START = datetime(2026, 1, 5, 9, tzinfo=HCM)


def heading(response):
    content = response.content.decode()
    return content.split('id="results-heading"', 1)[1].split(">", 1)[1].split("</h2>", 1)[0]


@pytest.fixture
def eight_meetings(agency_a):
    """Eight items with "hội nghị", a week apart; the three oldest have it in their title."""
    items = []
    for n in range(8):
        title, body = (
            (f"Hội nghị tổng kết đợt {n}", "<p>Nội dung.</p>")
            if n < 3
            else (
                f"Tin vắn số {n}",
                "<p>Đơn vị dự hội nghị.</p>",
            )
        )
        news = published_on(agency_a, title, START + timedelta(weeks=n))
        news.body = body
        news.save_revision().publish()
        items.append(news)
    return items


def test_only_the_most_recent_matches_are_ranked_past_the_bound(
    client, section, backend, eight_meetings, settings
):
    settings.CCHC_SEARCH_RANKED_MATCHES = 5
    response = search(client, section, "hoi nghi")

    assert set(titles(response)) == {news.title for news in eight_meetings[3:]}
    expected = gettext("More than %(limit)s results for “%(query)s”")
    assert expected % {"limit": 5, "query": "hoi nghi"} in heading(response)
    assert 'rel="next"' not in response.content.decode()


def test_best_ranked_of_the_recent_matches_comes_first(
    client, section, backend, eight_meetings, settings
):
    settings.CCHC_SEARCH_RANKED_MATCHES = 5
    recent_title_match = eight_meetings[6]
    recent_title_match.title = "Hội nghị giao ban"
    recent_title_match.save_revision().publish()

    assert titles(search(client, section, "hoi nghi"))[0] == "Hội nghị giao ban"


def test_every_match_is_ranked_up_to_the_bound(client, section, backend, eight_meetings, settings):
    settings.CCHC_SEARCH_RANKED_MATCHES = 8
    response = search(client, section, "hoi nghi")

    # The three title matches first, old as they are.
    assert set(titles(response)[:3]) == {news.title for news in eight_meetings[:3]}
    assert len(titles(response)) == 8
    assert heading(response).strip().startswith("8 ")


def nodes_below(node, inside_limit=False):
    """(node, whether a Limit node is above it) for `node` of an EXPLAIN's JSON and below."""
    yield node, inside_limit
    for child in node.get("Plans", []):
        yield from nodes_below(child, inside_limit or node["Node Type"] == "Limit")


def test_postgresql_scores_only_the_matches_within_the_bound(
    client, section, eight_meetings, settings
):
    """The candidates are scored after the bound cuts them: with the score computed beside
    the match, a plan that finds the matches through the index (a query of several words,
    whose matches PostgreSQL expects few) scored every match before sorting them by date,
    5,000 scores for 5,000 matches where the bound promises 200."""
    if connection.vendor != "postgresql":
        return  # SQLite's bm25() costs a match no more than matching it
    settings.CCHC_SEARCH_RANKED_MATCHES = 5
    with CaptureQueriesContext(connection) as queries:
        search(client, section, "hoi nghi")
    (ranking,) = [query["sql"] for query in queries.captured_queries if "ts_rank" in query["sql"]]
    for plan in ({}, {"enable_indexscan": "off", "enable_seqscan": "off"}):  # the index's plan
        with connection.cursor() as cursor:
            for name, value in plan.items():
                cursor.execute(f"SET LOCAL {name} = {value}")
            cursor.execute("EXPLAIN (VERBOSE, FORMAT JSON) " + ranking)
            (explained,) = cursor.fetchone()
        scored = [
            inside
            for node, inside in nodes_below(explained[0]["Plan"])
            if any("ts_rank" in column for column in node.get("Output", []))
        ]
        assert scored and not any(scored), plan


def test_postgresql_indexes_the_vector_the_search_matches_and_its_join():
    if connection.vendor != "postgresql":
        return  # the migration does nothing elsewhere
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
            " AND indexdef LIKE '%%gin%%(title || body)%%'"
        )
        assert cursor.fetchone() is not None
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailcore_page'"
            " AND indexdef LIKE '%%(id)::character varying(50)%%'"
        )
        assert cursor.fetchone() is not None


def test_postgresql_finds_a_pages_index_entry_by_its_object_id_alone():
    """The search's join to the entries names every page type's content type: through the
    unique (content_type_id, object_id) index, one descent per type for each candidate."""
    if connection.vendor != "postgresql":
        return  # the migration does nothing elsewhere
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
            " AND indexdef LIKE '%%btree (object_id)'"
        )
        assert cursor.fetchone() is not None


def test_postgresql_search_index_leaves_no_entry_pending(agency_a):
    """A GIN index's pending list is read whole by every search through the index."""
    if connection.vendor != "postgresql":
        return
    for n in range(3):
        item(agency_a, f"Hội nghị chuyên đề số {n}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list('cchc_news_indexentry_title_body_gin'::regclass)"
        )
        assert cursor.fetchone()[0] == 0  # the pages of pending entries it had to move


@pytest.mark.parametrize(
    "text",
    [
        "Đẩy mạnh CẢI CÁCH hành chính ở Nghệ An",
        "Plain ASCII, 4849/BNV-CCHC.",
        unicodedata.normalize("NFD", "Đảng ủy ƯỚC"),  # combining marks
        "x\u0301 stray mark",
        "ΟΔΟΣ Σ",  # lower() picks the final sigma by context
        "İstanbul",  # lower() makes two characters of one
        "",
    ],
)
def test_folding_in_place_agrees_with_the_spans(text):
    in_place = fold_in_place(text)
    folded, spans = fold_with_spans(text)
    if in_place is not None:
        assert in_place == folded
        assert spans == [(index, index + 1) for index in range(len(text))]


def test_ordinary_text_folds_in_place():
    assert fold_in_place("Đẩy mạnh CẢI CÁCH hành chính") == "day manh cai cach hanh chinh"
    assert fold_in_place(unicodedata.normalize("NFD", "Đảng ủy")) is None


@pytest.mark.parametrize(("value", "expected"), [("200", "cchc_news.E001"), (0, "cchc_news.E002")])
def test_a_bad_bound_gives_the_checks_id(value, expected):
    assert expected in ids_of("cchc_news", CCHC_SEARCH_RANKED_MATCHES=value)
    assert not {"cchc_news.E001", "cchc_news.E002"} & ids_of(
        "cchc_news", CCHC_SEARCH_RANKED_MATCHES=200
    )
