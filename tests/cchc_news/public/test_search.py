"""The section's search: diacritic-insensitive, ranked, safe, on PostgreSQL and on SQLite."""

import html
import importlib
import io
import re
import unicodedata
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction
from wagtail.search.models import IndexEntry

from bulletin.assembly import assemble
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from cchc_news.public.text_folding import VIETNAMESE_LETTERS, fold, search_words
from tests.factories import NewsItemPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cchc_news.migrations.0003_vietnamese_search_configuration")

RESULT_TITLE = re.compile(r'<h3 class="result__title"><a href="([^"]*)">(.*?)</a></h3>', re.S)
RESULT = re.compile(r'<li class="result">(.*?)</li>', re.S)
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def backends_of_this_database():
    """The backends the settings can choose on the database the tests run on."""
    if connection.vendor == "postgresql":
        return ["cchc_news.public.search_backends.postgres"]
    return [
        "cchc_news.public.search_backends.sqlite",  # FTS5
        "cchc_news.public.search_backends.sqlite.VietnameseFallbackSearchBackend",  # no FTS5
    ]


@pytest.fixture(params=backends_of_this_database(), ids=lambda path: path.rsplit(".", 1)[-1])
def backend(request, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": request.param}}
    return request.param


def item(agency, title, summary="Tóm tắt.", body="<p>Nội dung.</p>", **kwargs):
    return NewsItemPageFactory(
        parent=agency.index_page,
        title=title,
        summary=summary,
        body=body,
        topic=TopicFactory(name="Tin hoạt động"),
        **kwargs,
    )


def search(client, section, query, **params):
    return client.get(section.url + "tim-kiem/", {"q": query, **params})


def titles(response):
    assert response.status_code == 200
    content = response.content.decode()
    return [html.unescape(strip_tags(title)) for _url, title in RESULT_TITLE.findall(content)]


def nfd(text):
    return unicodedata.normalize("NFD", text)


# Folding ------------------------------------------------------------------------------


def test_folding_removes_the_marks_of_vietnamese_letters_only():
    assert (
        fold("Đẩy mạnh CẢI CÁCH hành chính ở Nghệ An") == "day manh cai cach hanh chinh o nghe an"
    )
    assert fold(nfd("Đảng ủy ƯỚC")) == "dang uy uoc"
    # Other scripts and letters outside the Vietnamese alphabet stay as they are (lower-cased).
    assert fold("Ñandú Straße Ωmega 東京") == "ñandu straße ωmega 東京"
    assert len(VIETNAMESE_LETTERS) == 2 * 67
    assert search_words('"Cải" & (cách) | 30/2020/NĐ-CP cải') == [
        "cai",
        "cach",
        "30",
        "2020",
        "nd",
        "cp",
    ]


def test_postgresql_configuration_folds_vietnamese(db):
    if connection.vendor != "postgresql":
        # Elsewhere the migration runs no SQL at all.
        editor = SimpleNamespace(connection=connection, execute=pytest.fail)
        assert migration.create_configuration(None, editor) is None
        assert migration.drop_configuration(None, editor) is None
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT unaccent('Đẩy mạnh')")
        assert cursor.fetchone() == ("Day manh",)
        cursor.execute(
            "SELECT to_tsvector('cchc_vietnamese', %s) = to_tsvector('simple', %s)",
            ["Đẩy mạnh ĐẢNG ỦY Nghệ An H2Ố-ĐÀ", "day manh dang uy nghe an h2o-da"],
        )
        assert cursor.fetchone() == (True,)
    with connection.schema_editor(atomic=False) as editor:
        migration.drop_configuration(None, editor)
        assert not configuration_exists()
        migration.create_configuration(None, editor)
        migration.create_configuration(None, editor)  # running it twice changes nothing
    assert configuration_exists()


def configuration_exists():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'cchc_vietnamese'")
        return cursor.fetchone()[0] == 1


# Finding ------------------------------------------------------------------------------


@pytest.fixture
def reform_items(agency_a):
    return {
        "reform": item(agency_a, "Sơ kết công tác cải cách hành chính quý I"),
        "party": item(agency_a, "Đảng ủy cơ quan học tập Nghị quyết"),
        "unaccented": item(
            agency_a, "Tin gửi qua thư điện tử", summary="Hoi nghi dang uy mo rong."
        ),
        "province": item(agency_a, "Đoàn công tác tỉnh Nghệ An đến thăm"),
        "other": item(agency_a, "Chuyển đổi số", summary="Không liên quan."),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cai cach hanh chinh", {"reform"}),
        ("cải cách hành chính", {"reform"}),
        (nfd("cải cách hành chính"), {"reform"}),
        ("dang uy", {"party", "unaccented"}),
        ("Đảng ủy", {"party", "unaccented"}),
        ("ĐẢNG ỦY", {"party", "unaccented"}),
        ("nghe an", {"province"}),
        ("NGHỆ AN", {"province"}),
        ("cai cach dang uy", set()),  # every word must be found
    ],
)
def test_diacritics_and_case_do_not_matter(client, section, backend, reform_items, query, expected):
    found = set(titles(search(client, section, query)))
    assert found == {reform_items[key].title for key in expected}


@pytest.mark.parametrize(
    ("title_with_the_words", "title_without"),
    [
        ("Chuyển đổi số trong giải quyết thủ tục", "Hội nghị giao ban tháng"),
        # A short title with one of the words does not outweigh a long one with all of them.
        ("Sở Khoa học và Công nghệ đôn đốc hoàn thành các chỉ tiêu chuyển đổi số năm 2026", "Số 6"),
    ],
)
def test_title_match_ranks_above_body_match(
    client, section, backend, agency_a, title_with_the_words, title_without
):
    in_title = item(agency_a, title_with_the_words)
    in_body = item(
        agency_a,
        title_without,
        body="<p>Bàn về chuyển đổi số. Chuyển đổi số là nhiệm vụ trọng tâm.</p>",
    )
    assert titles(search(client, section, "chuyen doi so")) == [in_title.title, in_body.title]


@pytest.mark.parametrize(
    "query", ["4849/BNV-CCHC", "BNV-CCHC", "4849", "bnv cchc", "30/2020/NĐ-CP", "NĐ-CP", "nd-cp"]
)
def test_document_numbers_are_found_whole_or_by_their_parts(
    client, section, backend, agency_a, query
):
    found = item(
        agency_a,
        "Triển khai văn bản cấp trên",
        body="<p>Thực hiện Công văn 4849/BNV-CCHC và Nghị định 30/2020/NĐ-CP.</p>",
    )
    assert titles(search(client, section, query)) == [found.title]


def published_on(agency, title, when):
    news = item(agency, title)
    NewsItemPage.objects.filter(pk=news.pk).update(first_published_at=when, last_published_at=when)
    return news


def test_bulletin_is_found_by_its_title_and_by_its_items(client, section, backend, agency_a):
    news = published_on(
        agency_a, "Hội nghị trực tuyến về một cửa", datetime(2026, 11, 23, 9, tzinfo=HCM)
    )
    bulletin = assemble(Week(2026, 48)).bulletin
    assert bulletin.live and bulletin.title == "Bản tin CCHC số 1/2026"

    assert titles(search(client, section, "ban tin cchc so 1/2026")) == [bulletin.title]
    response = search(client, section, "hoi nghi truc tuyen mot cua")
    assert titles(response) == [news.title, bulletin.title]  # the item's title, the bulletin's body
    bulletin_result = RESULT.findall(response.content.decode())[1]
    assert '<span class="tag">Bản tin</span>' in bulletin_result
    assert "<mark>Hội</mark> <mark>nghị</mark>" in bulletin_result  # the item, in the snippet


def test_bulletin_is_no_longer_found_by_an_item_unpublished_later(client, section, agency_a):
    news = published_on(
        agency_a, "Hội nghị trực tuyến về một cửa", datetime(2026, 11, 23, 9, tzinfo=HCM)
    )
    bulletin = assemble(Week(2026, 48)).bulletin
    assert bulletin.title in titles(search(client, section, "hoi nghi truc tuyen"))

    news.unpublish()

    assert titles(search(client, section, "hoi nghi truc tuyen")) == []


# Never found --------------------------------------------------------------------------


def test_only_live_public_pages_are_found(client, section, backend, agency_a, agency_b, editor_a):
    visible = item(agency_a, "Khảo sát sự hài lòng công khai")
    item(agency_a, "Khảo sát bản nháp", live=False)
    in_review = item(agency_a, "Khảo sát chờ duyệt", live=False)
    in_review.save_revision(user=editor_a)
    in_review.get_workflow().start(in_review, editor_a)
    private = item(agency_a, "Khảo sát có mật khẩu")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    item(agency_b, "Khảo sát của đơn vị hạn chế")
    PageViewRestriction.objects.create(
        page=agency_b.index_page, restriction_type=PageViewRestriction.LOGIN
    )
    item(agency_a, "Khảo sát đã gỡ xuống").unpublish()
    # A live item whose unpublished changes have the word: what is live has not.
    edited = item(agency_a, "Tin đã đăng")
    edited.title = "Khảo sát sửa chưa duyệt"
    edited.save_revision()

    assert titles(search(client, section, "khao sat")) == [visible.title]
    assert titles(search(client, section, "sua chua duyet")) == []


def test_draft_bulletin_is_not_found(client, section, backend, agency_a, settings):
    settings.BULLETIN_AUTO_PUBLISH = False
    news = published_on(agency_a, "Hội nghị trực tuyến", datetime(2026, 11, 23, 9, tzinfo=HCM))
    bulletin = assemble(Week(2026, 48)).bulletin
    assert not bulletin.live
    assert titles(search(client, section, "ban tin cchc")) == []
    assert titles(search(client, section, "hoi nghi truc tuyen")) == [news.title]


# The results page ---------------------------------------------------------------------


def test_result_shows_type_agency_date_and_marked_snippet(client, section, agency_a):
    news = item(
        agency_a,
        "Tin tổng hợp tuần",
        summary="Không liên quan.",
        body="<p>Đoạn đầu.</p><p>Tỉnh đẩy mạnh <strong>cải cách</strong> hành chính.</p>",
    )
    news.save_revision().publish()
    news.refresh_from_db()
    response = search(client, section, "CAI CACH")
    (result,) = RESULT.findall(response.content.decode())
    assert '<span class="tag">Tin, bài</span>' in result
    assert "<span>Sở Tư pháp</span>" in result
    assert f'<time datetime="{news.first_published_at.astimezone(HCM).isoformat()}"' in result
    assert f'href="{news.url}"' in result
    snippet = re.search(r'<p class="result__snippet">(.*?)</p>', result).group(1)
    assert snippet == "Đoạn đầu. Tỉnh đẩy mạnh <mark>cải</mark> <mark>cách</mark> hành chính."

    response = search(client, section, "tong hop")
    assert "<mark>tổng</mark> <mark>hợp</mark>" in response.content.decode()  # in the title


def test_snippet_comes_from_the_text_with_most_of_the_words(client, section, agency_a):
    item(
        agency_a,
        "Tin vắn",
        summary="Bổ sung hồ sơ trực tuyến.",
        body="<p>Hồ sơ được số hóa.</p><p>Đơn vị đẩy mạnh chuyển đổi số.</p>",
    )
    content = search(client, section, "chuyen doi so").content.decode()
    assert (
        '<p class="result__snippet">Hồ <mark>sơ</mark> được <mark>số</mark> hóa. Đơn vị đẩy mạnh '
        "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>.</p>"
    ) in content


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        (
            "so lieu",
            "<mark>Sở</mark> công bố <mark>số</mark> <mark>liệu</mark>, "
            "bảng <mark>so</mark> <mark>lieu</mark>",
        ),
        # Typed with marks: the same word, and the word written without any; not "Sở".
        (
            "số liệu",
            "Sở công bố <mark>số</mark> <mark>liệu</mark>, bảng <mark>so</mark> <mark>lieu</mark>",
        ),
    ],
)
def test_words_typed_with_marks_mark_only_their_spelling(client, section, agency_a, query, marked):
    item(agency_a, "Tin vắn", summary="Sở công bố số liệu, bảng so lieu")
    assert (
        f'<p class="result__snippet">{marked}</p>'
        in search(client, section, query).content.decode()
    )


def test_content_and_query_are_escaped(client, section, agency_a):
    item(
        agency_a,
        "Tiêu đề <script>alert(1)</script> cải cách",
        summary='Tóm tắt <img src=x onerror="alert(2)"> cải cách',
    )
    response = search(client, section, "<script>alert(1)</script> cai cach")
    content = response.content.decode()
    assert titles(response) == ["Tiêu đề <script>alert(1)</script> cải cách"]
    assert "<script>alert" not in content and "<img src=x" not in content
    assert "&lt;<mark>script</mark>&gt;<mark>alert</mark>(<mark>1</mark>)&lt;/" in content
    assert "&lt;img src=x onerror=&quot;<mark>alert</mark>(2)&quot;&gt;" in content
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt; cai cach"' in content  # the query


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "&",
        "|",
        "*",
        "(",
        ")",
        "!",
        ":",
        "-",
        "^",
        "\\",
        "%",
        "_",
        "\x00",
        "\u0301",
        '"cải cách',
        "cải cách'",
        "cải* & !cách | (hành:*)",
        "NOT",
        "OR AND",
        "NEAR(cải cách)",
        "{title body}: cải",
        "title:cải",
        "' OR 1=1 --",
        "'; DROP TABLE wagtailcore_page; --",
        "x" * 300,
        "cải " * 100,
    ],
)
def test_odd_input_never_fails(client, section, backend, agency_a, query):
    item(agency_a, "Cải cách hành chính")
    assert search(client, section, query).status_code == 200


def test_empty_query_shows_the_form_and_a_hint(client, section):
    for response in (client.get(section.url + "tim-kiem/"), search(client, section, "   ")):
        content = response.content.decode()
        assert response.status_code == 200
        assert '<label for="search-query">' in content and 'name="q" value=""' in content
        assert '<p class="empty">' in content  # the hint
        assert 'class="results"' not in content and "search-empty" not in content


def test_no_hit_offers_help(client, section, agency_a):
    item(agency_a, "Cải cách hành chính")
    content = search(client, section, "khong co gi ca").content.decode()
    assert 'class="results"' not in content
    assert '<div class="empty search-empty" role="status">' in content
    assert f'href="{section.url}tin-bai/"' in content


def test_title_names_the_query_and_search_engines_keep_out(client, section):
    content = search(client, section, "một cửa").content.decode()
    title = re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    assert title.startswith(gettext("Search: %(query)s") % {"query": "một cửa"})
    assert '<meta name="robots" content="noindex">' in content
    assert 'id="search-query" type="search" name="q" value="một cửa"' in content


def test_long_query_is_trimmed(client, section, agency_a):
    item(agency_a, "Cải cách hành chính")
    response = search(client, section, "cải cách " * 40)
    value = re.search(r'id="search-query"[^>]*value="([^"]*)"', response.content.decode())[1]
    assert value == " ".join(["cải cách"] * 22)  # 200 characters, less the word cut in two
    assert titles(response) == ["Cải cách hành chính"]


def test_results_are_paginated_ten_a_page(client, section, agency_a):
    expected = {item(agency_a, f"Hội nghị chuyên đề số {n}").title for n in range(23)}
    first = search(client, section, "hoi nghi")
    content = first.content.decode()
    assert re.search(r'id="results-heading"[^>]*>\s*23 ', content)
    assert 'href="?q=hoi+nghi&amp;page=2" rel="next"' in content
    pages = [titles(first), titles(search(client, section, "hoi nghi", page=2))]
    pages.append(titles(search(client, section, "hoi nghi", page=3)))
    assert [len(titles_on_page) for titles_on_page in pages] == [10, 10, 3]
    assert set().union(*pages) == expected
    assert titles(search(client, section, "hoi nghi", page="abc")) == pages[0]
    assert titles(search(client, section, "hoi nghi", page=99)) == pages[2]


def test_query_count_does_not_grow_with_hits(client, section, agency_a):
    def count_queries():
        search(client, section, "hoi nghi")  # warm the per-site caches
        with CaptureQueriesContext(connection) as queries:
            response = search(client, section, "hoi nghi")
        assert len(titles(response)) == 10
        return len(queries)

    for n in range(10):
        item(agency_a, f"Hội nghị chuyên đề số {n}")
    with_ten = count_queries()
    for n in range(50):
        item(agency_a, f"Hội nghị thường kỳ số {n}", body="<p>Hội nghị.</p>")
    assert count_queries() == with_ten


# Indexing -----------------------------------------------------------------------------


def test_update_index_rebuilds_the_index(client, section, backend, agency_a):
    item(agency_a, "Đảng ủy khối các cơ quan")
    IndexEntry.objects.all().delete()
    assert titles(search(client, section, "dang uy khoi")) == []
    call_command("update_index", stdout=io.StringIO())
    assert titles(search(client, section, "dang uy khoi")) == ["Đảng ủy khối các cơ quan"]


def test_indexing_an_item_on_sqlite_reads_no_other_entry(section, backend, agency_a):
    """modelsearch's SQLite index computes each entry's title length norm from the average
    title of the whole index (an aggregate and an update after every save); no query of these
    backends reads it (the column weights rank titles first), so it is not computed."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's ranking reads the title norm (candidate_scores)")
    for n in range(3):
        item(agency_a, f"Hội nghị thường kỳ số {n}")
    page = item(agency_a, "Đảng ủy khối các cơ quan")
    with CaptureQueriesContext(connection) as queries:
        page.save()
    statements = [query["sql"].upper() for query in queries.captured_queries]
    # The norm is lavg/ld: the index's average title length over this title's, LENGTH()s both.
    assert not [sql for sql in statements if "AVG(" in sql or "LENGTH(" in sql]
    assert any("WAGTAILSEARCH_INDEXENTRY" in sql for sql in statements)  # it is indexed


def test_autocomplete_ignores_diacritics_too(section, backend, agency_a):
    found = item(agency_a, "Đảng ủy khối các cơ quan")
    item(agency_a, "Đăng ký kết hôn")
    assert list(NewsItemPage.objects.autocomplete("dang u")) == [found]


def test_admin_search_ignores_diacritics_too(client, section, agency_a, make_user):
    item(agency_a, "Đảng ủy khối các cơ quan")
    client.force_login(make_user("quantri", is_superuser=True))
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "dang uy khoi"})
    assert "Đảng ủy khối các cơ quan" in response.content.decode()
