import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils.translation import ngettext
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from bulletin.assembly import assemble
from bulletin.weeks import Week
from tests.factories import CampaignFactory, NewsItemPageFactory, TopicFactory

from .public_site import count_queries, cover_image, local, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(agency_a):
    document = get_document_model().objects.create(
        title="Tệp gốc", file=ContentFile(b"%PDF-1.4 test", name="tin-bai.pdf")
    )
    return NewsItemPageFactory(
        parent=agency_a.index_page,
        title="Một cửa liên thông hiện đại",
        summary="Sở Tư pháp rút ngắn thời gian giải quyết hồ sơ.",
        original_file=document,
        author_line="Nguyễn Văn A – Sở Tư pháp",
    )


@pytest.fixture
def draft(agency_a):
    return NewsItemPageFactory(parent=agency_a.index_page, title="Bản nháp chưa đăng", live=False)


def test_section_home_lists_latest_items_and_agencies(client, section, published, draft):
    response = client.get(section.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in content
    assert "Một cửa liên thông hiện đại" in content
    assert "Bản nháp chưa đăng" not in content
    assert "Sở Tư pháp" in content
    assert 'href="#main"' in content and '<main id="main"' in content


def test_agency_index_lists_its_items(client, agency_a, published, draft):
    response = client.get(agency_a.index_page.url)
    assert response.status_code == 200
    assert "Một cửa liên thông hiện đại" in response.content.decode()
    assert "Bản nháp chưa đăng" not in response.content.decode()


def test_item_page_offers_its_attachment(client, published):
    response = client.get(published.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert published.original_file.url in content
    assert "Nguyễn Văn A – Sở Tư pháp" in content
    download = client.get(published.original_file.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_draft_is_not_served(client, draft):
    assert client.get(draft.url_path.replace("/home", "", 1)).status_code == 404


def test_listing_query_count_does_not_grow_with_items(
    client, section, agency_a, django_assert_max_num_queries, settings
):
    settings.CCHC_PAGE_CACHE_SECONDS = 0  # measure the rendering, not the page cache
    for _ in range(3):
        NewsItemPageFactory(parent=agency_a.index_page)
    client.get(section.url)  # warm the site root cache
    with django_assert_max_num_queries(25) as few:
        client.get(section.url)
    few_queries = len(few.captured_queries)  # before the next request empties Django's log
    for _ in range(9):
        NewsItemPageFactory(parent=agency_a.index_page)
    client.get(section.url)  # the first view of new content reads what later ones reuse
    with django_assert_max_num_queries(few_queries):
        client.get(section.url)


# The section home ---------------------------------------------------------------------


@pytest.fixture
def home_news(agency_a, agency_b):
    """Items of two topics and one active campaign, plus a draft and a private item."""
    results, models = TopicFactory(name="Kết quả"), TopicFactory(name="Mô hình hay")
    TopicFactory(name="Chưa có tin")
    digital = CampaignFactory(name="Chuyển đổi số 2026", active=True)
    CampaignFactory(name="Đợt đã kết thúc", active=False)
    a, b = agency_a.index_page, agency_b.index_page
    for day in range(1, 4):
        publish(a, local(2026, 11, 16 + day, 9), title=f"Kết quả {day}", topic=results)
    publish(b, local(2026, 11, 20, 9), title="Mô hình", topic=models, campaigns=[digital])
    NewsItemPageFactory(parent=a, title="Nháp", topic=models, live=False)
    private = publish(b, local(2026, 11, 21, 9), title="Nội bộ", topic=models)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {"results": results, "models": models, "digital": digital}


def test_section_home_shows_the_latest_bulletin(client, section, home_news, settings):
    settings.CCHC_PAGE_CACHE_SECONDS = 0
    assemble(Week(2026, 46))  # an older issue with nothing in it: not created
    latest = assemble(Week(2026, 47)).bulletin
    content = client.get(section.url).content.decode()
    feature = content.split('class="bulletin-feature"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{latest.url}">{latest.title}</a>' in feature
    assert latest.title == "Bản tin CCHC số 1/2026"
    assert "13/11/2026" in feature and "20/11/2026" in feature  # the period
    four = ngettext("%(counter)s news item", "%(counter)s news items", 4) % {"counter": 4}
    assert four in feature  # the private item is not in it
    assert f'href="{latest.url}pdf/"' in feature
    assert 'href="/cai-cach-hanh-chinh/ban-tin/"' in feature  # the archive


def test_section_home_shows_the_newest_of_several_bulletins(
    client, section, agency_a, home_news, settings
):
    settings.CCHC_PAGE_CACHE_SECONDS = 0
    first = assemble(Week(2026, 47)).bulletin
    publish(agency_a.index_page, local(2026, 11, 24, 9), title="Tuần sau")
    second = assemble(Week(2026, 48)).bulletin
    content = client.get(section.url).content.decode()
    feature = content.split('class="bulletin-feature"', 1)[1].split("</section>", 1)[0]
    assert second.title in feature and first.title not in feature


def test_section_home_without_a_bulletin_has_no_empty_feature(client, section, home_news):
    assert 'class="bulletin-feature"' not in client.get(section.url).content.decode()


def test_topics_link_to_the_filtered_listing_with_live_counts(client, section, home_news):
    content = client.get(section.url).content.decode()
    topics = content.split('id="topics-heading"', 1)[1].split("</section>", 1)[0]
    listing = section.url + "tin-bai/"
    counted = re.findall(r'<a href="([^"]*)">([^<]*)</a> <span class="count">(\d+)', topics)
    # Draft and private items are not counted; a topic without live items is left out.
    assert counted == [
        (f"{listing}?topic=ket-qua", "Kết quả", "3"),
        (f"{listing}?topic=mo-hinh-hay", "Mô hình hay", "1"),
    ]
    campaigns = content.split('id="campaigns-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{listing}?campaign=chuyen-doi-so-2026">Chuyển đổi số 2026</a>' in campaigns
    assert "Đợt đã kết thúc" not in campaigns


def test_section_home_links_agencies_latest_news_listing_and_search(
    client, section, agency_a, home_news
):
    content = client.get(section.url).content.decode()
    agencies = content.split('id="agencies-heading"', 1)[1]
    assert f'<a href="{agency_a.index_page.url}">Sở Tư pháp</a> <span class="count">3' in agencies
    assert content.count('class="card__title"') == 4
    assert f'href="{section.url}tin-bai/"' in content
    search_forms = re.findall(r'<form [^>]*role="search"[^>]*>', content)
    assert len(search_forms) == 2  # the header's and the section home's
    assert all('action="/cai-cach-hanh-chinh/tim-kiem/"' in form for form in search_forms)
    assert all('method="get"' in form for form in search_forms)
    assert re.search(r'<label class="visually-hidden" for="section-search-q">', content)
    assert '<input type="search" id="section-search-q" name="q"' in content


def test_section_home_shows_at_most_nine_latest_items(client, section, agency_a, settings):
    settings.CCHC_PAGE_CACHE_SECONDS = 0
    for hour in range(12):
        publish(agency_a.index_page, local(2026, 11, 2, hour), title=f"Tin {hour:02}")
    titles = re.findall(
        r'class="card__title"><a [^>]*>(.*?)</a>', client.get(section.url).content.decode()
    )
    assert titles == [f"Tin {hour:02}" for hour in range(11, 2, -1)]


def test_section_home_query_count_is_the_same_for_10_and_200_items(
    client, section, agency_a, agency_b, settings
):
    settings.CCHC_PAGE_CACHE_SECONDS = 0
    topics = [TopicFactory(name=f"Chủ đề {n}") for n in range(3)]
    campaign = CampaignFactory(name="Chuyển đổi số 2026", active=True)

    def add(count, start, cover_every):
        for n in range(start, start + count):
            publish(
                (agency_a if n % 2 else agency_b).index_page,
                local(2026, 11, 2, 8) + (local(2026, 11, 2, 9) - local(2026, 11, 2, 8)) * n / 10,
                topic=topics[n % 3],
                campaigns=[campaign],
                cover_image=cover_image() if n % cover_every == 0 else None,
            )

    def queries():
        client.get(section.url)  # renditions are made on the first view
        cache.clear()  # Wagtail caches renditions: count a cold cache's database reads
        return count_queries(client, section.url)

    add(10, 0, cover_every=4)
    assemble(Week(2026, 45))
    with_10 = queries()
    add(190, 10, cover_every=1)
    assemble(Week(2026, 46))
    assert queries() == with_10
