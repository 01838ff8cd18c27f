"""Uploading documents: the portal's document form refuses what the checklist would refuse."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

from cchc_news.uploads.documents import CCHCDocumentForm
from tests.files import (
    make_docx,
    make_encrypted_pdf,
    make_ole2,
    make_pdf,
    make_pdf_page_tree_bomb,
    make_raw_pdf,
)

pytestmark = pytest.mark.django_db

FORM_SETTING = "cchc_news.uploads.documents.CCHCDocumentForm"
FAKE_PDF = b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = FORM_SETTING


def submit(name, data):
    form_class = get_document_form(get_document_model())
    return form_class(
        {"title": name, "collection": Collection.get_first_root_node().pk},
        {"file": SimpleUploadedFile(name, data)},
    )


def test_the_setting_makes_wagtail_use_the_form():
    assert issubclass(get_document_form(get_document_model()), CCHCDocumentForm)


def test_fake_pdf_is_refused_with_the_allowed_types():
    form = submit("x.pdf", FAKE_PDF)
    with translation.override("en"):
        assert not form.is_valid()
        message = form.errors["file"][0]
    assert "not a document of an allowed type (.pdf, .docx, .doc, .odt)" in message


def test_file_whose_content_does_not_match_its_name_is_refused():
    form = submit("bao-cao.pdf", make_docx(["Báo cáo cải cách hành chính"]))
    with translation.override("en"):
        assert not form.is_valid()
        message = form.errors["file"][0]
    assert "named .pdf but its content is a .docx document" in message


@override_settings(CCHC_MAX_UPLOAD_BYTES=1000)
def test_oversized_file_is_refused_with_the_limit():
    form = submit("bao-cao.docx", make_docx(["Báo cáo cải cách hành chính"]))
    with translation.override("en"):
        assert not form.is_valid()
        message = form.errors["file"][0]
    assert message.startswith("The file is ") and "the limit is 0.0 MB" in message


@pytest.mark.parametrize(
    ("name", "build"),
    [("tin-bai.pdf", lambda: make_pdf(2)), ("tin-bai.docx", lambda: make_docx(["Tin bài"]))],
)
def test_real_pdf_and_docx_are_accepted_and_stored_whole(name, build):
    data = build()
    form = submit(name, data)
    assert form.is_valid(), form.errors
    document = form.save()
    with document.file.open("rb") as stored:
        assert stored.read() == data  # the file was rewound after sniffing
    assert document.file_size == len(data)


def test_editing_title_without_a_new_file_is_not_revalidated():
    document = get_document_model().objects.create(
        title="Cũ", file=SimpleUploadedFile("cu.pdf", make_pdf(1))
    )
    form_class = get_document_form(get_document_model())
    data = {"title": "Mới", "collection": document.collection_id}
    with override_settings(CCHC_MAX_UPLOAD_BYTES=10):
        form = form_class(data, {}, instance=document)
        assert form.is_valid(), form.errors


def test_admin_upload_view_refuses_a_fake_pdf(client, make_user):
    admin = make_user("docs_admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Giả",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("gia.pdf", FAKE_PDF),
        },
    )
    assert response.status_code == 200
    assert not get_document_model().objects.filter(title="Giả").exists()
    assert response.context["form"].errors["file"]


# The content is checked, not only its first bytes (issue 13): each refusal says why.


def refusal(name, data):
    form = submit(name, data)
    assert not form.is_valid()
    return form.errors["file"][0]


def test_a_file_that_begins_like_a_pdf_but_is_none_is_refused():
    message = refusal("tin-bai.pdf", b"%PDF-1.7\n" + b"Day khong phai PDF " * 200)
    assert "bắt đầu như một tệp PDF nhưng không mở được" in message


def test_a_cut_off_pdf_is_refused():
    message = refusal("tin-bai.pdf", make_pdf(2)[:300])
    assert "không mở được" in message


def test_a_pdf_without_pages_is_refused():
    message = refusal(
        "tin-bai.pdf",
        make_raw_pdf(
            {1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [] /Count 0 >>"}
        ),
    )
    assert "Tệp PDF không có trang nào" in message


def test_a_password_protected_pdf_is_refused():
    message = refusal("tin-bai.pdf", make_encrypted_pdf("mat-khau"))
    assert "đặt mật khẩu" in message


def test_a_pdf_with_only_an_owner_password_is_accepted():
    """Restrictions on printing or editing do not stop anyone from reading the file."""
    form = submit("tin-bai.pdf", make_encrypted_pdf(""))
    assert form.is_valid(), form.errors


def test_a_pdf_whose_page_tree_loops_is_refused():
    data = make_raw_pdf(
        {
            1: "<< /Type /Catalog /Pages 2 0 R >>",
            2: "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            3: "<< /Type /Page /MediaBox [0 0 595 842] >>",
        }
    )
    assert "không mở được" in refusal("tin-bai.pdf", data)


def test_a_page_tree_bomb_is_refused_quickly():
    started = time.monotonic()
    message = refusal("tin-bai.pdf", make_pdf_page_tree_bomb())
    assert "không mở được" in message
    assert time.monotonic() - started < 2


def test_a_word_97_2003_document_is_accepted_as_doc():
    form = submit("tin-bai.doc", make_ole2(["WordDocument", "1Table", "\x05SummaryInformation"]))
    assert form.is_valid(), form.errors


def test_an_excel_workbook_renamed_doc_is_refused():
    message = refusal("tin-bai.doc", make_ole2(["Workbook", "\x05SummaryInformation"]))
    assert "không phải văn bản Word" in message


def test_an_excel_workbook_under_its_own_name_is_refused_as_not_word():
    message = refusal("bang-tinh.xls", make_ole2(["Workbook"]))
    assert "không phải văn bản Word" in message


@pytest.mark.parametrize(
    "data",
    [
        make_ole2(["WordDocument"])[:600],  # cut off before its directory
        make_ole2(["WordDocument"], directory_loops=True),  # a sector chain that loops
        make_ole2(["WordDocument"])[:8] + b"\xff" * 1000,  # a signature and nothing else
    ],
    ids=["cut-off", "looping-chain", "signature-only"],
)
def test_a_damaged_word_97_2003_file_is_refused(data):
    assert "bị hỏng" in refusal("tin-bai.doc", data)


def test_the_admin_upload_view_names_the_reason(client, make_user):
    admin = make_user("docs_admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Bảng tính",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("bang-tinh.doc", make_ole2(["Workbook"])),
        },
    )
    assert response.status_code == 200
    assert not get_document_model().objects.filter(title="Bảng tính").exists()
    assert "không phải văn bản Word" in response.text
