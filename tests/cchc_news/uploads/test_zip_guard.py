"""Zip bombs: every place that opens a .docx or .odt judges the container before unpacking it.

The files are built in the test (tests.zip_files): a .docx of 170 KB whose document part
unpacks to 38 MB of paragraphs (the Word import used to parse it for minutes with a gigabyte of
memory) and one of 2 MB that unpacks to 250 MB (it used to be accepted as an original file).
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

from cchc_news.models import NewsItemPage
from cchc_news.uploads.file_types import docx_text, sniff_file_type
from cchc_news.uploads.refusals import UnreadableDocument
from cchc_news.uploads.zip_guard import (
    MAX_PARTS,
    MAX_TOTAL_XML_ELEMENTS,
    MAX_XML_ELEMENTS,
    check_zip_container,
)
from cchc_news.word_import.reader import WordImportError, read_word_file, upload_error
from tests.files import make_docx
from tests.zip_files import (
    DOCUMENT_PART,
    MB,
    docx_bomb,
    odt_of,
    paragraphs_part,
    rebuilt_docx,
    with_declared_size,
    zip_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "cchc_news.uploads.documents.CCHCDocumentForm"


def upload_form(name, data):
    form_class = get_document_form(get_document_model())
    return form_class(
        {"title": name, "collection": Collection.get_first_root_node().pk},
        {"file": SimpleUploadedFile(name, data)},
    )


def form_error(name, data):
    form = upload_form(name, data)
    with translation.override("en"):
        assert not form.is_valid()
        return form.errors["file"][0]


def refusal(data):
    with pytest.raises(UnreadableDocument) as raised:
        check_zip_container(io.BytesIO(data))
    return raised.value


# The two files of the report.


def test_the_250_mb_docx_is_refused_as_an_original_file_with_its_size():
    data = docx_bomb(250)
    assert len(data) < 2 * MB
    message = form_error("tin-bai.docx", data)
    assert message.startswith("The Word file holds a part (“word/document.xml”) that unpacks to")
    assert "250.0 MB, more than the 4.0 MB" in message


def test_the_38_mb_docx_is_refused_by_the_word_import_before_it_is_read():
    data = docx_bomb(38)
    assert len(data) < 200 * 1024
    with translation.override("en"):
        message = upload_error(SimpleUploadedFile("tin-bai.docx", data))
    assert message and "unpacks to 38.0 MB" in message
    with pytest.raises(WordImportError):
        read_word_file(io.BytesIO(data), "tin-bai.docx")


def test_the_import_view_refuses_it_and_creates_nothing(client, editor_a, agency_a):
    client.force_login(editor_a)
    url = reverse("cchc_news_word_import", args=(agency_a.index_page.pk,))
    with translation.override("vi"):
        response = client.post(url, {"file": SimpleUploadedFile("tin.docx", docx_bomb(38))})
    assert response.status_code == 200
    assert "38,0 MB" in response.context["form"].errors["file"][0]
    assert NewsItemPage.objects.count() == 0 and get_document_model().objects.count() == 0


def test_measuring_the_text_refuses_it_instead_of_parsing_it():
    with pytest.raises(UnreadableDocument) as raised:
        docx_text(io.BytesIO(docx_bomb(38)))
    assert raised.value.code == "zip_part_too_large"


# Each rule, with a named reason.


def test_a_part_packed_more_than_100_to_1_is_refused():
    data = rebuilt_docx(add={"word/media/image1.png": b"\0" * (3 * MB)})
    found = refusal(data)
    assert found.code == "zip_ratio" and found.params["part"] == "word/media/image1.png"
    assert "packed" in form_error("tin.docx", data) and "“zip bomb”" in form_error("tin.docx", data)


def test_many_small_parts_packed_far_too_well_together_are_refused():
    parts = {f"word/media/image{n}.png": b"\0" * 900_000 for n in range(4)}
    assert refusal(rebuilt_docx(add=parts)).code == "zip_overall_ratio"


def test_a_small_document_part_with_too_many_elements_is_refused():
    part = paragraphs_part(900_000, paragraph=b"<w:p/>")  # 150,000 empty paragraphs, < 1 MB
    found = refusal(rebuilt_docx({DOCUMENT_PART: part}))
    assert found.code == "zip_too_many_elements"
    assert f"more than {MAX_XML_ELEMENTS:,} XML elements" in form_error(
        "tin.docx", rebuilt_docx({DOCUMENT_PART: part})
    )


def test_too_many_parts_are_refused_from_the_end_record_with_a_named_reason():
    data = zip_of({f"p{n}": b"" for n in range(MAX_PARTS + 1)}, zipfile.ZIP_STORED)
    found = refusal(data)
    assert found.code == "zip_too_many_parts" and found.params["count"] == MAX_PARTS + 1
    assert form_error("tin.docx", data).startswith("The file holds 1,001 parts")


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"word/x.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}, "zip_unusual_part"),
        ({"../../etc/passwd": "x"}, "zip_unusual_part"),
    ],
    ids=["dtd-entities", "path-outside"],
)
def test_parts_word_processors_never_write_are_refused(extra, code):
    assert refusal(rebuilt_docx(add=extra)).code == code


def test_two_parts_of_the_same_name_are_refused():
    out = io.BytesIO(make_docx(["Tin bài"]))
    with zipfile.ZipFile(out, "a") as archive, pytest.warns(UserWarning):
        archive.writestr(DOCUMENT_PART, "<w:document/>")
    assert refusal(out.getvalue()).code == "zip_unusual_part"


def test_a_directory_that_understates_a_part_is_refused_when_the_part_is_read():
    real = rebuilt_docx({DOCUMENT_PART: paragraphs_part(3 * MB)})
    found = refusal(with_declared_size(real, DOCUMENT_PART, 100_000))
    assert found.code == "zip_damaged" and found.params["part"] == DOCUMENT_PART


def test_an_odt_bomb_is_refused_naming_the_opendocument_file():
    data = odt_of(
        b"<office:document-content>" + b"<p/>" * 2_000_000 + b"</office:document-content>"
    )
    assert sniff_file_type(io.BytesIO(data)) == "odt"
    assert form_error("tin.odt", data).startswith("The OpenDocument (.odt) file holds a part")


# Nothing changes for real files.


def test_a_real_docx_and_odt_pass_the_guard_and_the_form():
    docx = make_docx(["Tin bài", "Tóm tắt."], table_cells=["Chỉ tiêu", "Kết quả"])
    odt = odt_of("<office:document-content><p>Tin bài</p></office:document-content>")
    for data in (docx, odt):
        check_zip_container(io.BytesIO(data))
    assert upload_form("tin.docx", docx).is_valid()
    assert upload_form("tin.odt", odt).is_valid()


def test_a_file_that_is_not_a_zip_is_left_to_the_other_checks():
    check_zip_container(io.BytesIO(b"%PDF-1.7 ..."))
    check_zip_container(io.BytesIO(make_docx(["x"])[:2000]))  # cut short: "not a document"


def test_parts_that_together_hold_too_many_elements_are_refused_naming_the_total():
    # Each part under the per-part limit, all of them together over the whole file's.
    part = paragraphs_part(150_000, paragraph=b"<w:p/>")  # 25,000 elements each
    parts = {f"word/footer{n}.xml": part for n in range(5)}
    found = refusal(rebuilt_docx(add=parts))
    assert found.code == "zip_too_many_elements_in_all"
    assert f"more than {MAX_TOTAL_XML_ELEMENTS:,} XML elements in all" in form_error(
        "tin.docx", rebuilt_docx(add=parts)
    )
