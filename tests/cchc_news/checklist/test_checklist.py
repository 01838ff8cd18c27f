"""The submission checklist of a news item, on real PDF and .docx files."""

import io
import unicodedata
import zipfile

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.utils import translation
from wagtail.documents import get_document_model

from cchc_news.checklist import text as checklist_text
from cchc_news.checklist.rules import CheckResult, failed_rules, run_checklist
from cchc_news.checklist.text import estimated_pages, measure_text
from cchc_news.uploads import file_types
from cchc_news.uploads.file_types import docx_text, pdf_page_count, sniff_file_type
from tests.factories import NewsItemPageFactory
from tests.files import make_docx, make_ole2, make_pdf

RULE_CODES = ["length", "summary", "topic", "original_file", "file_type", "file_size", "cover_alt"]
LIMIT = 3 * 3350  # 10,050 characters: three A4 pages at 14 pt
TITLE = "Cải cách hành chính tại Sở Tư pháp"
SUMMARY = "Sở Tư pháp rút ngắn thời gian giải quyết hồ sơ lý lịch tư pháp."
PROSE = (
    "Sở Tư pháp đẩy mạnh cải cách hành chính, số hóa hồ sơ, rút ngắn thời gian giải quyết "
    "thủ tục và nâng cao sự hài lòng của người dân, doanh nghiệp. "
)


# Building real files.


def make_document(data, name):
    return get_document_model().objects.create(title=name, file=ContentFile(data, name=name))


def text_of_length(length):
    """Vietnamese prose of exactly `length` NFC characters, with no space at either end."""
    prose = unicodedata.normalize("NFC", PROSE)
    text = (prose * (length // len(prose) + 1))[:length]
    return text[:-1] + "x" if text.endswith(" ") else text


def body_for_total(total):
    """A body that makes TITLE + SUMMARY + body exactly `total` characters (one space between)."""
    return f"<p>{text_of_length(total - len(TITLE) - len(SUMMARY) - 2)}</p>"


def results_by_code(page):
    return {result.code: result for result in run_checklist(page)}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def make_item(agency_a):
    def make(**kwargs):
        kwargs.setdefault("title", TITLE)
        kwargs.setdefault("summary", SUMMARY)
        return NewsItemPageFactory(parent=agency_a.index_page, **kwargs)

    return make


@pytest.fixture
def good_item(make_item):
    return make_item(
        original_file=make_document(make_pdf(1), "tin-bai.pdf"),
        cover_image=wagtail_factories.ImageFactory(),
        cover_alt="Lãnh đạo Sở trao đổi với người dân tại bộ phận một cửa",
    )


# Measuring text.


def test_measure_text_strips_tags_entities_and_whitespace():
    assert measure_text("<p>Một</p><p>hai &amp; ba</p>\n\n  <b>bố</b>n") == len("Một hai & ba bốn")
    assert measure_text("  a \t\n b  ") == 3
    assert measure_text("") == 0


def test_combining_vietnamese_counts_as_nfc():
    assert measure_text("e\u0301") == 1
    decomposed = unicodedata.normalize("NFD", "Việt Nam cải cách hành chính")
    assert len(decomposed) > len("Việt Nam cải cách hành chính")
    assert measure_text(decomposed) == len("Việt Nam cải cách hành chính")


def test_estimated_pages_uses_the_14pt_figure():
    assert estimated_pages(3350) == 1
    assert estimated_pages(LIMIT) == 3


# The length rule on the item's text.


def test_text_of_exactly_three_pages_passes_and_one_more_word_fails(make_item):
    item = make_item(body=body_for_total(LIMIT))
    assert checklist_text.item_char_count(item) == LIMIT
    assert results_by_code(item)["length"].passed

    item.body = item.body.replace("</p>", " thêm</p>")
    assert checklist_text.item_char_count(item) == LIMIT + len(" thêm")
    assert not results_by_code(item)["length"].passed


def test_decomposed_text_is_measured_after_nfc(make_item):
    item = make_item(body=unicodedata.normalize("NFD", body_for_total(LIMIT)))
    assert checklist_text.item_char_count(item) == LIMIT
    assert results_by_code(item)["length"].passed


def test_page_figures_come_from_settings(make_item):
    item = make_item(body=body_for_total(LIMIT + 100))
    assert not results_by_code(item)["length"].passed
    with override_settings(CCHC_MAX_PAGES=4):
        assert results_by_code(item)["length"].passed
    with override_settings(CCHC_CHARS_PER_PAGE=4000):
        assert results_by_code(item)["length"].passed


def test_length_detail_reads_as_pages_and_characters(make_item):
    item = make_item(body=body_for_total(8040))
    with translation.override("en"):
        length = results_by_code(item)["length"]
    assert length.detail == "text: 2.4 of at most 3 pages (8,040 characters)"
    vietnamese = results_by_code(item)["length"].detail  # the fixture's active language
    assert "2,4" in vietnamese and "8.040" in vietnamese
    assert length.label


# The length rule on the original file.


def test_four_page_pdf_fails_length_and_three_pages_pass(make_item):
    item = make_item(original_file=make_document(make_pdf(4), "bai-dai.pdf"))
    with translation.override("en"):
        length = results_by_code(item)["length"]
    assert not length.passed
    assert "original PDF: 4 of at most 3 pages" in length.detail
    assert "text:" in length.detail  # both are reported

    item.original_file = make_document(make_pdf(3), "bai-vua.pdf")
    assert results_by_code(item)["length"].passed


def test_pdf_page_count_reads_real_pdfs_and_refuses_garbage():
    assert pdf_page_count(io.BytesIO(make_pdf(3))) == 3
    assert pdf_page_count(io.BytesIO(b"%PDF-1.7 not really")) is None
    assert pdf_page_count(io.BytesIO(b"")) is None


def test_docx_text_includes_paragraphs_and_table_cells():
    data = make_docx(["Báo cáo kết quả cải cách hành chính"], ["Chỉ số", "Kết quả"])
    text = docx_text(io.BytesIO(data))
    assert "Báo cáo kết quả cải cách hành chính" in text
    assert "Chỉ số" in text and "Kết quả" in text
    assert docx_text(io.BytesIO(b"PK\x03\x04broken")) is None


def test_docx_over_the_limit_fails_length(make_item):
    long_text = text_of_length(LIMIT + 1)
    item = make_item(original_file=make_document(make_docx([long_text]), "bai-dai.docx"))
    with translation.override("en"):
        length = results_by_code(item)["length"]
    assert not length.passed
    assert "original .docx: 3.0 of at most 3 pages (10,051 characters)" in length.detail

    fitting = text_of_length(LIMIT - 100)
    item.original_file = make_document(make_docx([fitting], ["Bảng", "số liệu"]), "vua.docx")
    assert results_by_code(item)["length"].passed


# Sniffing the file type.


def test_sniff_file_type_reads_content_not_names():
    assert sniff_file_type(io.BytesIO(make_pdf(1))) == "pdf"
    assert sniff_file_type(io.BytesIO(make_docx(["Tin bài"]))) == "docx"
    assert sniff_file_type(io.BytesIO(file_types.OLE2_MAGIC + b"\0" * 504)) == "doc"
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert sniff_file_type(odt) == "odt"


@pytest.mark.parametrize(
    "data",
    [b"", b"MZ\x90\x00\x03", b"PK\x03\x04 broken zip", b"\x00" * 100, "chữ".encode()],
)
def test_sniff_file_type_returns_none_on_anything_else(data):
    fileobj = io.BytesIO(data)
    assert sniff_file_type(fileobj) is None
    assert fileobj.tell() == 0


def test_sniff_file_type_restores_the_position():
    fileobj = io.BytesIO(make_docx(["Tin bài"]))
    fileobj.seek(5)
    assert sniff_file_type(fileobj) == "docx"
    assert fileobj.tell() == 5


# The file rules.


def test_file_renamed_pdf_that_is_not_a_pdf_fails_file_type(make_item):
    item = make_item(original_file=make_document(b"MZ\x90\x00" + b"\0" * 200, "x.pdf"))
    file_type = results_by_code(item)["file_type"]
    assert not file_type.passed
    assert ".pdf" in file_type.detail


def test_docx_renamed_pdf_fails_file_type(make_item):
    item = make_item(original_file=make_document(make_docx(["Tin bài"]), "tin.pdf"))
    with translation.override("en"):
        file_type = results_by_code(item)["file_type"]
    assert not file_type.passed
    assert "named .pdf but its content is a .docx document" in file_type.detail


@override_settings(CCHC_MAX_UPLOAD_BYTES=1000)
def test_oversized_file_fails_file_size(make_item):
    data = make_docx(["Tin bài"])
    assert len(data) > 1000
    item = make_item(original_file=make_document(data, "tin.docx"))
    with translation.override("en"):
        file_size = results_by_code(item)["file_size"]
    assert not file_size.passed
    assert file_size.detail == "The file is 0.0 MB; the limit is 0.0 MB."  # one decimal in MB


def test_file_size_detail_in_megabytes(good_item):
    with translation.override("en"):
        file_size = results_by_code(good_item)["file_size"]
    assert file_size.passed
    assert file_size.detail == "0.0 MB of at most 10.0 MB"


def test_file_missing_on_storage_fails_without_an_exception(good_item):
    default_storage.delete(good_item.original_file.file.name)
    results = results_by_code(good_item)
    assert not results["file_type"].passed
    assert not results["file_size"].passed
    assert results["file_type"].detail
    assert results["original_file"].passed
    assert results["length"].passed


# The other rules.


def test_missing_summary_topic_and_file_fail_by_code(make_item):
    item = make_item()
    item.summary = "  "
    item.topic = None
    assert [result.code for result in failed_rules(item)] == ["summary", "topic", "original_file"]
    results = results_by_code(item)
    assert results["file_type"].passed and results["file_size"].passed
    assert results["file_type"].detail == results["file_size"].detail


def test_summary_over_the_limit_fails(make_item):
    item = make_item(summary=text_of_length(501))
    assert not results_by_code(item)["summary"].passed
    with override_settings(CCHC_SUMMARY_MAX_CHARS=600):
        assert results_by_code(item)["summary"].passed


def test_cover_image_without_alt_fails_cover_alt(good_item):
    good_item.cover_alt = "   "
    assert [result.code for result in failed_rules(good_item)] == ["cover_alt"]
    good_item.cover_image = None
    assert failed_rules(good_item) == []


def test_complete_good_item_passes_every_rule(good_item):
    results = run_checklist(good_item)
    assert [result.code for result in results] == RULE_CODES
    assert all(isinstance(result, CheckResult) for result in results)
    assert all(result.passed for result in results), [r for r in results if not r.passed]
    assert all(result.label and result.detail for result in results)
    assert failed_rules(good_item) == []


def test_checklist_works_on_an_unsaved_revision_object(good_item):
    good_item.save_revision()
    draft = good_item.get_latest_revision_as_object()
    assert failed_rules(draft) == []


# Files stored before uploads were checked by content are judged the same way at submission.


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"%PDF-1.7\n" + b"khong phai PDF " * 50, "tin.pdf", "không mở được"),
        (make_ole2(["Workbook"]), "tin.doc", "không phải văn bản Word"),
    ],
    ids=["fake-pdf", "excel-renamed-doc"],
)
def test_a_stored_file_that_is_not_what_it_begins_like_fails_file_type(
    make_item, data, name, reason
):
    item = make_item(original_file=make_document(data, name))
    file_type = results_by_code(item)["file_type"]
    assert not file_type.passed
    assert reason in file_type.detail


def test_a_stored_word_97_2003_document_passes_file_type(make_item):
    item = make_item(original_file=make_document(make_ole2(["WordDocument"]), "tin.doc"))
    assert results_by_code(item)["file_type"].passed
