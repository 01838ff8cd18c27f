"""The spelling typed comes first: "cải cách" ranks and marks "cải cách" above "cài … cách".

A word typed with marks ranks the pages that have it in that very spelling first and marks
only that spelling (and the word written without any marks); a word typed without marks
matches every spelling alike, since the visitor did not say which one was meant.
"""

import pytest

from cchc_news.public.highlight import Highlighter
from cchc_news.public.text_folding import marked_words, spelling_token, spelling_tokens

from .test_search import backend, item, search, titles  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spellings(agency_a):
    """The words in their title with other marks; the spelling typed only in the body."""
    exact = item(
        agency_a,
        "Sơ kết công tác quý I",
        body="<p>Tỉnh tiếp tục đẩy mạnh CẢI CÁCH hành chính.</p>",
    )
    other = item(agency_a, "Hướng dẫn cài đặt và cách dùng phần mềm một cửa")
    return exact, other


@pytest.mark.parametrize("query", ["cải cách", "Cải Cách", "CẢI CÁCH"])
def test_the_spelling_typed_ranks_first(client, section, backend, spellings, query):  # noqa: F811
    exact, other = spellings
    assert titles(search(client, section, query)) == [exact.title, other.title]


def test_words_typed_without_marks_match_every_spelling_alike(
    client,
    section,
    backend,  # noqa: F811
    spellings,
):
    exact, other = spellings
    # The title match wins, as for any search.
    assert titles(search(client, section, "cai cach")) == [other.title, exact.title]


def test_a_word_typed_without_marks_beside_one_with_them(client, section, backend, spellings):  # noqa: F811
    exact, other = spellings
    assert titles(search(client, section, "cai cách")) == [other.title, exact.title]
    assert titles(search(client, section, "cải cach")) == [exact.title, other.title]


def test_only_the_spelling_typed_is_marked():
    highlighter = Highlighter("cải cách")
    assert str(highlighter.mark("Cài đặt xong, CẢI CÁCH tiếp")) == (
        "Cài đặt xong, <mark>CẢI</mark> <mark>CÁCH</mark> tiếp"
    )
    snippet = highlighter.snippet(["Hướng dẫn cài đặt và cách dùng", "Đẩy mạnh cải cách."])
    assert str(snippet) == "Đẩy mạnh <mark>cải</mark> <mark>cách</mark>."
    # Without marks, every spelling is what was asked for.
    assert str(Highlighter("cai cach").mark("cài đặt, cải cách")) == (
        "<mark>cài</mark> đặt, <mark>cải</mark> <mark>cách</mark>"
    )


def test_spelling_tokens_tell_apart_words_that_fold_alike():
    assert marked_words("Cải cách, CẢI, cài; so 12/2026") == ["cải", "cách", "cài"]
    tokens = spelling_tokens("cả cải cài").split()
    assert len(set(tokens)) == 3 and all(token.isascii() and token.isalpha() for token in tokens)
    # No token is the beginning of another (SQLite without FTS5 compares substrings).
    assert spelling_token("cả") not in spelling_token("cải")
