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


# Emoji in a title (issue 15): drawn from an emoji font, not as empty boxes, and nothing else is.
# Debian's fonts-noto-color-emoji (scripts/system-deps.sh) provides it; fontconfig chooses it.

EMOJI = ["🎉", "👍🏽", "👨\u200d👩\u200d👧", "🇻🇳", "✅"]
EMOJI_TITLE = "Ngày hội chuyển đổi số 2026 " + " ".join(EMOJI)


def text_by_font(pdf):
    """{font name: the text drawn with it} over the whole PDF."""
    drawn = {}

    def visit(text, _cm, _tm, font, _size):
        if font is not None:
            name = str(font["/BaseFont"]).split("+")[-1]
            drawn[name] = drawn.get(name, "") + text

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return drawn


def test_emoji_in_a_title_are_drawn_from_an_emoji_font_and_only_they(client, archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), EMOJI_TITLE)
    bulletin = assemble(Week(2026, 48)).bulletin

    drawn = text_by_font(client.get(bulletin.url + "pdf/").content)

    emoji_text = "".join(text for font, text in drawn.items() if "Emoji" in font)
    other_text = "".join(text for font, text in drawn.items() if "Emoji" not in font)
    for emoji in EMOJI:
        assert emoji in emoji_text, (emoji, drawn)
    assert not any(char.isalnum() for char in emoji_text), emoji_text  # dates, numbers
    assert "Ngày hội chuyển đổi số 2026" in other_text and "1/2026" in other_text


def test_the_pdf_is_tagged_for_screen_readers(client, bulletin):
    """PDF/UA-1: a structure tree (headings, paragraphs, reading order), marked, in Vietnamese."""
    catalog = PdfReader(io.BytesIO(client.get(bulletin.url + "pdf/").content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "vi"
