import io

import pytest
from pypdf import PdfReader

from bulletin.assembly import assemble
from bulletin.weeks import Week

from .conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Đồng Nai đẩy mạnh cải cách hành chính – một cửa")
    publish_item(local(2026, 11, 24, 9, 0), "Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo")
    return assemble(Week(2026, 48)).bulletin


def test_bulletin_pdf_has_the_titles_with_diacritics(client, bulletin):
    response = client.get(bulletin.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "ban-tin-cchc-so-1-2026.pdf" in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Bản tin CCHC số 1/2026" in text
    assert "Đồng Nai đẩy mạnh cải cách hành chính – một cửa" in text
    assert "Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo" in text


def test_bulletin_page_reads_like_a_newsletter(client, bulletin):
    content = client.get(bulletin.url).content.decode()
    assert "Bản tin CCHC số 1/2026" in content
    assert "Đồng Nai đẩy mạnh" in content and "Sở Tư pháp" in content
    assert 'href="/cai-cach-hanh-chinh/ban-tin/2026-so-1/pdf/"' in content
    assert "window.print()" in content


def test_archive_lists_bulletins_by_year(client, bulletin, archive):
    content = client.get(archive.url).content.decode()
    assert "Năm 2026" in content and "Bản tin CCHC số 1/2026" in content
    assert "20/11/2026" in content and "27/11/2026" in content


def test_draft_bulletin_and_its_pdf_are_not_public(client, archive, publish_item, settings):
    settings.BULLETIN_AUTO_PUBLISH = False
    publish_item(local(2026, 11, 23, 9, 0), "Chưa phát hành")
    draft = assemble(Week(2026, 48)).bulletin
    assert client.get(draft.url or "/cai-cach-hanh-chinh/ban-tin/2026-so-1/").status_code == 404
    assert client.get("/cai-cach-hanh-chinh/ban-tin/2026-so-1/pdf/").status_code == 404
    assert "Chưa phát hành" not in client.get(archive.url).content.decode()
