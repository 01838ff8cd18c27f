"""The section's search: its queries do not grow with the matches, and it ranks the
candidates as the search backend orders pages by relevance."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from bulletin.assembly import assemble
from bulletin.weeks import Week
from tests.cchc_news.public.test_search import HCM, backend, item, published_on, search, titles

pytestmark = pytest.mark.django_db
__all__ = ["backend"]  # the fixture, parametrised over the backends of this database


def queries_of_search(client, section, query):
    search(client, section, query)  # warm the per-site caches
    with CaptureQueriesContext(connection) as queries:
        response = search(client, section, query)
    assert len(titles(response)) == 10
    return len(queries)


def test_query_count_is_the_same_for_10_and_200_matches(client, section, agency_a):
    # A bulletin among the results: it lists its items, loaded for the page of results.
    published_on(agency_a, "Hội nghị trực tuyến về một cửa", datetime(2026, 11, 23, 9, tzinfo=HCM))
    assert assemble(Week(2026, 48)).bulletin.live
    for n in range(9):
        item(agency_a, f"Hội nghị chuyên đề số {n}", body="<p>Bản tin hội nghị.</p>")
    with_ten = queries_of_search(client, section, "hoi nghi")
    for n in range(190):
        item(agency_a, f"Hội nghị thường kỳ số {n}", body="<p>Hội nghị.</p>")
    assert queries_of_search(client, section, "hoi nghi") == with_ten


VARIED = [
    ("Cải cách hành chính", "<p>Nội dung.</p>"),
    ("Cải cách thủ tục, cải cách tổ chức", "<p>Cải cách.</p>"),
    ("Tin vắn số 1", "<p>Đẩy mạnh cải cách hành chính.</p>"),
    ("Tin vắn số 2", "<p>Đẩy mạnh cải cách hành chính.</p>"),  # a tie: the newer first
    ("Cài đặt phần mềm", "<p>Cách dùng phần mềm.</p>"),
    ("Hướng dẫn", "<p>Cải tạo nhà; cách làm, " + "cách thức " * 30 + "cải tiến.</p>"),
    ("CẢI CÁCH", "<p>Cai cach khong dau.</p>"),
]


@pytest.mark.parametrize("query", ["cai cach", "cải cách", "cai CÁCH"])
def test_candidates_rank_as_the_backend_orders_by_relevance(
    client, section, backend, agency_a, query
):
    start = datetime(2026, 1, 5, 9, tzinfo=HCM)
    pks = []
    for n, (title, body) in enumerate(VARIED):
        news = published_on(agency_a, title, start + timedelta(days=n))
        news.body = body
        news.save_revision().publish()
        pks.append(news.pk)
    by_backend = Page.objects.filter(pk__in=pks).search(query, operator="and")
    expected = [page.title for page in by_backend]
    assert len(expected) == len(VARIED)
    assert titles(search(client, section, query)) == expected
