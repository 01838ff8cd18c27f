import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories import NewsItemPageFactory

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
    client, section, agency_a, django_assert_max_num_queries
):
    for _ in range(3):
        NewsItemPageFactory(parent=agency_a.index_page)
    client.get(section.url)  # warm the site root cache
    with django_assert_max_num_queries(25) as few:
        client.get(section.url)
    for _ in range(9):
        NewsItemPageFactory(parent=agency_a.index_page)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(section.url)
