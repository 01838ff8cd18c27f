"""The section's search looks for the first CCHC_SEARCH_MAX_WORDS different words of a query.

Why a bound: PostgreSQL's ts_rank scores a query of several words by every pair of positions
of every pair of its words in each candidate, so its cost grows with the square of the words
typed. Forty common words (a query of 172 characters, inside the 200 allowed) cost 0.7 s of
the database's CPU per search against 201 news items of three pages each, 0.09 s for ten,
1 ms for two: any visitor could make each request cost that.
"""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from cchc_news.public.text_folding import first_words, fold
from tests.factories import NewsItemPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

# Twelve different words, also once folded.
WORDS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "trăm", "nghìn"]
NOTICE = re.compile(r'<p class="search-notice" role="status">(.*?)</p>', re.S)


def search(client, section, query):
    response = client.get(section.url + "tim-kiem/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def item(agency, title):
    return NewsItemPageFactory(
        parent=agency.index_page,
        title=title,
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        topic=TopicFactory(name="Tin hoạt động"),
    )


def notice(content):
    found = NOTICE.search(content)
    return found and " ".join(unescape(strip_tags(found[1])).split())


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("một hai ba", 2, ("một hai", True)),
        ("một hai ba", 3, ("một hai ba", False)),
        ("một, hai; ba", 2, ("một, hai", True)),
        # One word however it is typed: the backends fold the marks and the case away.
        ("cải cách Cai cách CẢI hành", 2, ("cải cách Cai cách CẢI", True)),
        ("  ", 2, ("  ", False)),
        ("4849/BNV-CCHC ngày", 2, ("4849/BNV", True)),
    ],
)
def test_first_words_keeps_the_text_up_to_the_last_word_kept(text, count, expected):
    assert first_words(text, count) == expected


def test_a_longer_query_searches_its_first_ten_words_and_says_so(client, section, agency_a):
    item(agency_a, " ".join(WORDS[:10]))  # not the eleventh and twelfth words
    content = search(client, section, " ".join(WORDS))
    titles = re.findall(r'<h3 class="result__title"><a href="[^"]*">(.*?)</a></h3>', content)
    assert [strip_tags(title) for title in titles] == [" ".join(WORDS[:10])]
    assert notice(content) == (
        "Chỉ tìm theo 10 từ đầu tiên: “một hai ba bốn năm sáu bảy tám chín mười”."
    )
    # The box keeps what was typed; the count names, and the results mark, the words searched.
    assert f'name="q" value="{" ".join(WORDS)}"' in content
    assert f"1 kết quả cho “{' '.join(WORDS[:10])}”" in content
    assert "<mark>trăm</mark>" not in content and "<mark>một</mark>" in content


def test_ten_words_or_a_word_typed_twice_say_nothing(client, section, agency_a):
    item(agency_a, " ".join(WORDS[:10]))
    for query in (" ".join(WORDS[:10]), " ".join(WORDS[:10] + ["Một", "mot"])):
        content = search(client, section, query)
        assert notice(content) is None
        assert '<ol class="results"' in content


def test_the_bound_is_a_setting(client, section, agency_a, settings):
    settings.CCHC_SEARCH_MAX_WORDS = 3
    item(agency_a, "một hai ba")
    content = search(client, section, "một hai ba bốn")
    assert notice(content) == "Chỉ tìm theo 3 từ đầu tiên: “một hai ba”."
    assert '<ol class="results"' in content


def test_the_database_is_asked_for_the_first_ten_words_only(client, section, agency_a):
    item(agency_a, " ".join(WORDS))
    with CaptureQueriesContext(connection) as queries:
        search(client, section, " ".join(WORDS))
    # Folded: PostgreSQL's tsquery holds the words as typed, SQLite's match the folded words.
    sql = fold("\n".join(query["sql"] for query in queries.captured_queries))
    searched = [word for word in ("mot", "muoi", "tram", "nghin") if re.search(rf"\b{word}\b", sql)]
    assert searched == ["mot", "muoi"]  # "mười", the tenth; not "trăm" nor "nghìn"
