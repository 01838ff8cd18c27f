"""Importing a Word (.docx) file into a news item, on real files built with python-docx."""

import io
import unicodedata
import zipfile

import docx
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from PIL import Image
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.admin.ui.menus.pages import get_page_header_buttons
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, PageSubscription
from wagtail.rich_text import expand_db_html

from cchc_news.checklist.text import html_to_text
from cchc_news.models import NewsItemPage
from cchc_news.models.news_item import BODY_FEATURES
from cchc_news.uploads.file_types import file_size_error
from cchc_news.word_import.actions import WORD_IMPORT_ACTION, replace_refusal
from cchc_news.word_import.reader import not_docx_message, read_word_file
from tests.factories import NewsItemPageFactory
from tests.files import make_docx, make_pdf
from tests.helpers import assert_denied

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE = "Sở Tư pháp đẩy mạnh chuyển đổi số trong cải cách hành chính"
SUMMARY = "Năm 2026, Sở tiếp nhận 12.450 hồ sơ, trong đó 98,6% được giải quyết đúng hạn."
ALT = "Bộ phận Một cửa của Sở Tư pháp"
EXPECTED_BODY = (
    "<h2>Kết quả nổi bật</h2>"
    "<p>Bộ phận Một cửa <b>liên thông</b> hoạt động <i>hiệu quả</i>, <b><i>đúng hạn</i></b>.</p>"
    "<ul><li>Số hoá 100% hồ sơ lý lịch tư pháp</li><li>Trả kết quả qua dịch vụ bưu chính</li></ul>"
    "<h3>Số liệu</h3>"
    "<ul><li><b>Chỉ tiêu:</b> Hồ sơ đúng hạn; <b>Kết quả:</b> 98,6%</li>"
    "<li><b>Chỉ tiêu:</b> Hồ sơ trực tuyến; <b>Kết quả:</b> 76%</li></ul>"
    '<embed embedtype="image" id="{image_id}" format="fullwidth" '
    'alt="Bộ phận Một cửa của Sở Tư pháp"/>'
    '<p>Xem thêm tại <a href="https://stp.example.gov.vn/cchc">Cổng thông tin</a> và tại đây.</p>'
    "<h2>Phương hướng năm 2027</h2>"
    "<p>Tiếp tục rà soát, đơn giản hoá thủ tục hành chính.</p>"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# Building real Word files.


def make_png(color=(200, 30, 30), size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def saved(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_link(paragraph, url, text):
    """A real Word hyperlink (python-docx has no API for one)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run, text_element = OxmlElement("w:r"), OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def add_picture(document, data, alt=""):
    shape = document.add_paragraph().add_run().add_picture(io.BytesIO(data), width=Inches(1))
    if alt:
        shape._inline.docPr.set("descr", alt)
    return shape


def add_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def full_docx():
    """Title typed as decomposed Unicode, summary, headings, list, formatting, table, picture."""
    document = docx.Document()
    document.add_heading(unicodedata.normalize("NFD", TITLE), level=0)
    document.add_paragraph(SUMMARY)
    document.add_heading("Kết quả nổi bật", level=2)
    paragraph = document.add_paragraph("Bộ phận Một cửa ")
    paragraph.add_run("liên thông").bold = True
    paragraph.add_run(" hoạt động ")
    paragraph.add_run("hiệu quả").italic = True
    paragraph.add_run(", ")
    both = paragraph.add_run("đúng hạn")
    both.bold = both.italic = True
    paragraph.add_run(".")
    document.add_paragraph("Số hoá 100% hồ sơ lý lịch tư pháp", style="List Bullet")
    document.add_paragraph("Trả kết quả qua dịch vụ bưu chính", style="List Bullet")
    document.add_heading("Số liệu", level=3)
    add_table(
        document,
        [["Chỉ tiêu", "Kết quả"], ["Hồ sơ đúng hạn", "98,6%"], ["Hồ sơ trực tuyến", "76%"]],
    )
    add_picture(document, make_png(), alt=ALT)
    paragraph = document.add_paragraph("Xem thêm tại ")
    add_link(paragraph, "https://stp.example.gov.vn/cchc", "Cổng thông tin")
    paragraph.add_run(" và ")
    add_link(paragraph, "javascript:alert(document.cookie)", "tại đây")
    paragraph.add_run(".")
    document.add_heading("Phương hướng năm 2027", level=1)
    document.add_paragraph("Tiếp tục rà soát, đơn giản hoá thủ tục hành chính.")
    return saved(document)


def docx_with_linked_picture():
    """A picture that is only linked to an outside address, not stored in the file."""
    document = docx.Document()
    document.add_paragraph("Tin có hình liên kết")
    document.add_paragraph("Tóm tắt của tin.")
    shape = add_picture(document, make_png())
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    r_id = document.part.relate_to("http://127.0.0.1:9/hinh.png", RT.IMAGE, is_external=True)
    del blip.attrib[qn("r:embed")]
    blip.set(qn("r:link"), r_id)
    return saved(document)


def docx_with_broken_xml():
    """A zip that looks like a .docx (word/document.xml is there) but cannot be read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    return buffer.getvalue()


def upload(data, name="tin-bai.docx"):
    return SimpleUploadedFile(name, data, content_type=DOCX_TYPE)


# Reading (no database).


def read(data, name="tin-bai.docx"):
    return read_word_file(io.BytesIO(data), name)


def test_title_summary_and_body_are_read_from_the_word_file():
    content = read(full_docx())
    assert content.title == TITLE
    assert unicodedata.is_normalized("NFC", content.title)
    assert content.summary == SUMMARY
    assert content.body_html({0: 7}) == EXPECTED_BODY.format(image_id=7)
    assert [(image.name, image.alt, image.data) for image in content.images] == [
        ("1.png", ALT, make_png())
    ]
    assert not content.title_from_file_name


def test_the_body_is_what_the_rich_text_editor_keeps():
    body = read(full_docx()).body_html({})
    converter = ContentstateConverter(BODY_FEATURES)
    round_trip = converter.to_database_format(converter.from_database_format(body))
    assert html_to_text(round_trip) == html_to_text(body)
    for fragment in ("<b>liên thông</b>", "<i>hiệu quả</i>", "<h3", '<a href="https://stp'):
        assert fragment in round_trip
    assert round_trip.count("<li") == body.count("<li>")


def test_javascript_links_and_scripts_never_reach_the_body():
    body = read(full_docx()).body_html({})
    assert "javascript" not in body and "tại đây" in body
    assert "<script" not in body and "style=" not in body


def test_a_table_after_a_bulleted_list_is_kept_apart_from_it():
    document = docx.Document()
    document.add_paragraph("Tiêu đề")
    document.add_paragraph("Tóm tắt.")
    document.add_paragraph("Mục một", style="List Bullet")
    add_table(document, [["Đơn vị", "Số hồ sơ"], ["Phường Bến Thành", "1.250"]])
    content = read(saved(document))
    assert content.body_html({}) == (
        "<ul><li>Mục một</li></ul><p><b>Đơn vị:</b> Phường Bến Thành; <b>Số hồ sơ:</b> 1.250</p>"
    )


def test_word_bullets_made_as_list_paragraphs_with_numbering_stay_a_list():
    document = docx.Document()
    document.add_paragraph("Tiêu đề")
    document.add_paragraph("Tóm tắt.")
    bullets = document.styles["List Bullet"].element.pPr.numPr.numId.val
    for text in ("Một", "Hai"):
        paragraph = document.add_paragraph(text, style="List Paragraph")
        numbering = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", 0), ("w:numId", bullets)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(value))
            numbering.append(element)
        paragraph._p.get_or_add_pPr().append(numbering)
    document.add_paragraph("Đoạn thường.", style="Quote")
    content = read(saved(document))
    assert content.body_html({}) == "<ul><li>Một</li><li>Hai</li></ul><p>Đoạn thường.</p>"
    assert content.warnings == ()


def test_layout_tables_become_paragraphs_and_merged_cells_keep_their_label():
    document = docx.Document()
    document.add_paragraph("Tiêu đề")
    document.add_paragraph("Tóm tắt.")
    add_table(document, [["SỞ TƯ PHÁP", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]])
    table = add_table(
        document, [["Đơn vị", "Quý", "Hồ sơ"], ["Phường A", "I", "10"], ["", "II", "12"]]
    )
    table.cell(1, 0).merge(table.cell(2, 0))  # "Phường A" spans two rows
    content = read(saved(document))
    assert content.body_html({}) == (
        "<p>SỞ TƯ PHÁP</p><p>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"
        "<ul><li><b>Đơn vị:</b> Phường A; <b>Quý:</b> I; <b>Hồ sơ:</b> 10</li>"
        "<li><b>Đơn vị:</b> Phường A; <b>Quý:</b> II; <b>Hồ sơ:</b> 12</li></ul>"
    )


def test_a_file_without_a_short_first_line_takes_its_title_from_the_file_name():
    long_paragraph = "Cải cách hành chính " * 20
    content = read(make_docx([long_paragraph, "Đoạn hai."]), name="Tin_cai_cach.docx")
    assert content.title == "Tin cai cach" and content.title_from_file_name
    assert content.summary == long_paragraph.strip()
    assert any("file name" in warning or "tên tệp" in warning for warning in content.warnings)


def test_unknown_word_styles_are_named_in_a_warning():
    document = docx.Document()
    document.add_paragraph("Tiêu đề")
    document.add_paragraph("Tóm tắt.")
    style = document.styles.add_style("Kiểu riêng", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Nội dung kiểu riêng.", style=style)
    content = read(saved(document))
    assert content.body_html({}) == "<p>Nội dung kiểu riêng.</p>"
    assert [w for w in content.warnings if "“Kiểu riêng”" in w]


# Importing through the admin.


def import_url(index):
    return reverse("cchc_news_word_import", args=(index.pk,))


def replace_url(page):
    return reverse("cchc_news_word_replace", args=(page.pk,))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def counts():
    return (
        NewsItemPage.objects.count(),
        get_document_model().objects.count(),
        get_image_model().objects.count(),
    )


def test_editor_creates_a_draft_from_a_word_file(client, editor_a, agency_a):
    client.force_login(editor_a)
    assert client.get(import_url(agency_a.index_page)).status_code == 200

    data = full_docx()
    response = client.post(import_url(agency_a.index_page), {"file": upload(data)})

    item = NewsItemPage.objects.get()
    assert response.status_code == 302 and response["Location"] == edit_url(item)
    assert item.get_parent().pk == agency_a.index_page.pk and item.agency == agency_a
    assert not item.live and not item.first_published_at and item.owner == editor_a
    assert PageSubscription.objects.get(page=item, user=editor_a).comment_notifications
    draft = item.get_latest_revision_as_object()
    image = get_image_model().objects.get()
    assert (draft.title, draft.summary) == (TITLE, SUMMARY)
    assert draft.body == EXPECTED_BODY.format(image_id=image.pk)
    rendered = expand_db_html(draft.body)
    assert f'alt="{ALT}"' in rendered and image.get_rendition("width-800").url in rendered
    assert image.collection == agency_a.collection and image.title == ALT
    assert (image.width, image.height) == (40, 30) and image.uploaded_by_user == editor_a
    document = draft.original_file
    assert document.collection == agency_a.collection and document.filename == "tin-bai.docx"
    with document.file.open("rb") as stored:
        assert stored.read() == data
    assert item.slug == "so-tu-phap-day-manh-chuyen-doi-so-trong-cai-cach-hanh-chinh"
    log = PageLogEntry.objects.get(page=item, action=WORD_IMPORT_ACTION)
    assert log.user == editor_a and log.revision_id == item.latest_revision_id
    assert log.data["file"] == "tin-bai.docx" and log.data["document_id"] == document.pk
    notes = messages_of(response)
    assert TITLE in notes[0] and "tin-bai.docx" in notes[0]
    assert len(notes) == 2  # the table warning


def test_the_imported_draft_opens_in_the_editor_with_its_content(client, editor_a, agency_a):
    client.force_login(editor_a)
    client.post(import_url(agency_a.index_page), {"file": upload(full_docx())})
    item = NewsItemPage.objects.get()
    response = client.get(edit_url(item))
    assert response.status_code == 200
    content = response.content.decode()
    assert TITLE in content and SUMMARY in content and replace_url(item) in content
    history = client.get(reverse("wagtailadmin_pages:history", args=(item.pk,)))
    assert "tin-bai.docx" in history.content.decode()


def test_linked_pictures_are_not_fetched(client, editor_a, agency_a):
    client.force_login(editor_a)
    response = client.post(
        import_url(agency_a.index_page), {"file": upload(docx_with_linked_picture())}
    )
    assert response.status_code == 302
    assert get_image_model().objects.count() == 0
    assert "<embed" not in NewsItemPage.objects.get().get_latest_revision_as_object().body
    assert any("Picture 1" in note or "Hình 1" in note for note in messages_of(response))


@pytest.mark.parametrize(
    ("name", "build", "kind"),
    [
        ("tin-bai.docx", lambda: full_docx()[:2000], None),  # zip cut short
        ("tin-bai.docx", lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 500, None),  # an .exe
        ("tin-bai.pdf", lambda: make_pdf(1), "pdf"),
        ("tin-bai.docx", lambda: make_pdf(1), "pdf"),
    ],
    ids=["truncated-zip", "renamed-exe", "pdf", "pdf-named-docx"],
)
def test_files_that_are_not_word_files_are_refused_and_nothing_is_created(
    client, editor_a, agency_a, name, build, kind
):
    client.force_login(editor_a)
    before = counts()
    response = client.post(import_url(agency_a.index_page), {"file": upload(build(), name)})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [not_docx_message(kind)]
    assert counts() == before


def test_a_damaged_word_file_is_refused_with_the_message(client, editor_a, agency_a):
    client.force_login(editor_a)
    response = client.post(
        import_url(agency_a.index_page), {"file": upload(docx_with_broken_xml())}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [not_docx_message(None)]
    assert counts() == (0, 0, 0)


@override_settings(CCHC_MAX_UPLOAD_BYTES=2000)
def test_an_oversized_word_file_is_refused(client, editor_a, agency_a):
    client.force_login(editor_a)
    data = full_docx()
    response = client.post(import_url(agency_a.index_page), {"file": upload(data)})
    assert response.context["form"].errors["file"] == [file_size_error(len(data))]
    assert counts() == (0, 0, 0)


@override_settings(CCHC_MAX_UPLOAD_BYTES=100_000)
def test_a_word_file_that_unpacks_to_far_more_than_an_item_is_refused(client, editor_a, agency_a):
    buffer = io.BytesIO(make_docx(["Tiêu đề", "Tóm tắt."]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * 1_000_000)  # about 1 KB packed
    assert len(buffer.getvalue()) < 100_000
    client.force_login(editor_a)
    response = client.post(import_url(agency_a.index_page), {"file": upload(buffer.getvalue())})
    assert response.status_code == 200
    assert "MB" in response.context["form"].errors["file"][0]
    assert counts() == (0, 0, 0)


def test_a_word_file_with_no_text_is_refused(client, editor_a, agency_a):
    client.force_login(editor_a)
    response = client.post(import_url(agency_a.index_page), {"file": upload(make_docx([]))})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert counts() == (0, 0, 0)


# Who may import where.


@pytest.mark.parametrize("who", ["editor_a", "head_a", "office_user"])
def test_own_agency_and_office_may_import(request, client, agency_a, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(import_url(agency_a.index_page), {"file": upload(make_docx(["A", "B"]))})
    assert response.status_code == 302
    assert NewsItemPage.objects.child_of(agency_a.index_page).count() == 1


@pytest.mark.parametrize("who", ["editor_b", "leader"])
def test_other_agencies_and_users_without_add_permission_may_not(request, client, agency_a, who):
    client.force_login(request.getfixturevalue(who))
    assert_denied(client.get(import_url(agency_a.index_page)))
    assert_denied(
        client.post(import_url(agency_a.index_page), {"file": upload(make_docx(["A", "B"]))})
    )
    assert counts() == (0, 0, 0)


def test_anonymous_visitors_are_sent_to_log_in(client, agency_a):
    response = client.get(import_url(agency_a.index_page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_import_into_something_else_than_an_agency_index_is_not_found(client, office_user, section):
    client.force_login(office_user)
    assert client.get(import_url(section)).status_code == 404


# Where the editor finds it.


def test_agency_explorer_offers_the_import_to_those_who_may_use_it(
    client, editor_a, editor_b, agency_a
):
    client.force_login(editor_a)
    explorer = client.get(reverse("wagtailadmin_explore", args=(agency_a.index_page.pk,)))
    assert import_url(agency_a.index_page) in explorer.content.decode()
    urls = [
        button.url
        for button in get_page_header_buttons(agency_a.index_page, editor_b, None, "index")
    ]
    assert import_url(agency_a.index_page) not in urls


def test_office_sees_the_import_on_every_agency_in_the_section(
    client, office_user, section, agency_a, agency_b
):
    client.force_login(office_user)
    content = client.get(reverse("wagtailadmin_explore", args=(section.pk,))).content.decode()
    assert import_url(agency_a.index_page) in content
    assert import_url(agency_b.index_page) in content


def test_drafts_offer_replacement_and_published_items_do_not(editor_a, agency_a, draft_a):
    live = NewsItemPageFactory(parent=agency_a.index_page, live=True)
    offered = {
        page.pk: [button.url for button in get_page_header_buttons(page, editor_a, None, "edit")]
        for page in (draft_a, live)
    }
    assert replace_url(draft_a) in offered[draft_a.pk]
    assert replace_url(live) not in offered[live.pk]


def test_new_item_editor_offers_to_start_from_word(client, editor_a, agency_a):
    client.force_login(editor_a)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("cchc_news", "newsitempage", agency_a.index_page.pk)
    )
    assert import_url(agency_a.index_page) in client.get(add_url).content.decode()


# Replacing a draft's content.


@pytest.fixture
def draft_a(agency_a, editor_a):
    item = NewsItemPageFactory(
        parent=agency_a.index_page, title="Bản nháp cũ", live=False, owner=editor_a
    )
    item.save_revision(user=editor_a)
    return item


def test_replacing_needs_confirmation(client, editor_a, draft_a):
    client.force_login(editor_a)
    response = client.post(replace_url(draft_a), {"file": upload(full_docx())})
    assert response.status_code == 200 and response.context["form"].errors["confirm"]
    assert draft_a.revisions.count() == 1 and counts()[1:] == (0, 0)


def test_replacing_a_draft_saves_a_new_revision_and_keeps_the_old(client, editor_a, draft_a):
    client.force_login(editor_a)
    assert client.get(replace_url(draft_a)).status_code == 200
    old_revision = draft_a.latest_revision
    response = client.post(replace_url(draft_a), {"file": upload(full_docx()), "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == edit_url(draft_a)

    draft_a.refresh_from_db()
    latest = draft_a.get_latest_revision_as_object()
    image = get_image_model().objects.get()
    assert (latest.title, latest.summary) == (TITLE, SUMMARY)
    assert latest.body == EXPECTED_BODY.format(image_id=image.pk)
    assert latest.original_file.filename == "tin-bai.docx"
    assert latest.topic_id == draft_a.topic_id  # what the Word file does not hold is kept
    assert draft_a.revisions.count() == 2 and draft_a.draft_title == TITLE
    assert old_revision.as_object().title == "Bản nháp cũ"
    assert not draft_a.live and draft_a.slug == "ban-nhap-cu"
    log = PageLogEntry.objects.get(page=draft_a, action=WORD_IMPORT_ACTION)
    assert log.data["replaced"] is True and log.revision_id == draft_a.latest_revision_id


def test_a_published_item_cannot_be_replaced(client, editor_a, agency_a):
    item = NewsItemPageFactory(parent=agency_a.index_page, live=True)
    client.force_login(editor_a)
    response = client.post(replace_url(item), {"file": upload(full_docx()), "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == edit_url(item)
    assert messages_of(response) == [replace_refusal(item, editor_a)]
    assert counts()[1:] == (0, 0)


def test_an_item_awaiting_review_cannot_be_replaced(editor_a, draft_a):
    draft_a.get_workflow().start(draft_a, editor_a)
    assert replace_refusal(draft_a, editor_a)


def test_another_agencys_editor_cannot_replace(client, editor_b, draft_a):
    client.force_login(editor_b)
    assert_denied(client.get(replace_url(draft_a)))
    assert_denied(client.post(replace_url(draft_a), {"file": upload(full_docx()), "confirm": "on"}))
    assert draft_a.revisions.count() == 1
