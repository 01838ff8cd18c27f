"""Bidirectional control characters (U+202E and friends) are removed wherever text enters:
the page editor (every field, inline panels included), the Word import, document and image
titles, the taxonomy and agency screens, the withdrawal reason, the search box.

A title typed as "Kết quả \u202egnp.exe" would otherwise show as "Kết quả exe.png" on the site,
in the feeds, e-mails and the bulletin's PDF.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Comment, get_page_models
from wagtail.test.utils.form_data import inline_formset, rich_text

from cchc_news.admin.viewsets import CCHCViewSetGroup
from cchc_news.models import Agency, NewsItemPage, Topic
from cchc_news.models.news_item import BODY_FEATURES
from cchc_news.public.search import clean_query
from cchc_news.safe_forms import SafeTextMixin
from cchc_news.text_safety import BIDI_CONTROLS, has_bidi, strip_bidi
from cchc_news.withdrawal.views import WithdrawalForm
from tests.admin_forms import news_item_form
from tests.factories import AgencyKindFactory, TopicFactory
from tests.files import make_docx, make_pdf

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji: three joined by ZWJ
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


# The characters.


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_each_control_is_removed(char):
    assert strip_bidi(f"Kết quả {char}gnp.exe") == "Kết quả gnp.exe"


@pytest.mark.parametrize(
    "reference", ["&#x202E;", "&#x202e", "&#8238;", "&#08238;", "&#X00202E;", "&#x2067;"]
)
def test_numeric_references_to_them_are_removed_from_html(reference):
    assert strip_bidi(f"<p>Kết quả {reference}gnp.exe</p>") == "<p>Kết quả gnp.exe</p>"


def test_joiners_other_references_and_vietnamese_are_kept():
    text = f"Gia đình {FAMILY}, zero\u200bwidth, &#x202F; &#82381; &#x202eF; &amp; ỡ"
    assert strip_bidi(text) == text


# The page editor.


def item_form_with_controls(topic):
    return news_item_form(
        title=f"Kết quả {RLO}gnp.exe {FAMILY}",
        topic=topic,
        summary=f"Tóm tắt {RLO}đảo chiều.",
        body=rich_text(f"<p>Nội dung {RLO}đảo &#x202E;chiều.</p>", features=BODY_FEATURES),
        author_line=f"Nguyễn Văn A{RLO}",
        cover_alt=f"Ảnh{RLO}",
        seo_title=f"SEO{RLO}",
        search_description=f"Mô tả{RLO}",
        references=inline_formset(
            [
                {
                    "number": f"12/{RLO}QĐ-UBND",
                    "issued_on": "",
                    "issuer": f"UBND{RLO}",
                    "title": f"Về việc{RLO}",
                    "url": "",
                }
            ]
        ),
        comments=inline_formset(
            [
                {
                    "contentpath": "title",
                    "position": "",
                    "text": f"Xem lại {RLO}tiêu đề",
                    "resolved": "",
                    "replies": inline_formset([{"text": f"Đã {RLO}sửa"}]),
                }
            ]
        ),
    )


def stored_texts(page):
    reference = page.references.get()
    return [
        page.title,
        page.summary,
        page.body,
        page.author_line,
        page.cover_alt,
        page.seo_title,
        page.search_description,
        reference.number,
        reference.issuer,
        reference.title,
    ]


def test_the_news_item_editor_removes_them_from_every_field(client, editor_a, agency_a):
    client.force_login(editor_a)
    url = reverse(
        "wagtailadmin_pages:add", args=("cchc_news", "newsitempage", agency_a.index_page.pk)
    )

    response = client.post(url, item_form_with_controls(TopicFactory()))

    assert response.status_code == 302
    item = NewsItemPage.objects.get()
    draft = item.get_latest_revision_as_object()
    for text in stored_texts(item) + stored_texts(draft):
        assert not has_bidi(text), repr(text)
    assert draft.title == f"Kết quả gnp.exe {FAMILY}"
    assert draft.body.endswith(">Nội dung đảo chiều.</p>")
    assert draft.references.get().number == "12/QĐ-UBND"
    # Wagtail's editor comments and their replies, formsets of the page form.
    comment = Comment.objects.get(page=item)
    assert comment.text == "Xem lại tiêu đề"
    assert [reply.text for reply in comment.replies.all()] == ["Đã sửa"]


def test_a_title_of_controls_only_is_refused_as_empty(client, editor_a, agency_a):
    client.force_login(editor_a)
    url = reverse(
        "wagtailadmin_pages:add", args=("cchc_news", "newsitempage", agency_a.index_page.pk)
    )

    response = client.post(url, news_item_form(title=f" {RLO}\u2066 ", topic=TopicFactory()))

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not NewsItemPage.objects.exists()


def test_every_page_type_of_the_project_edits_through_a_safe_text_form():
    ours = {"cchc_news", "bulletin", "home"}
    models = [model for model in get_page_models() if model._meta.app_label in ours]
    assert len(models) >= 5
    for model in models:
        # Its formsets' forms (inline panels, comments) are cleaned through it.
        assert issubclass(model.get_edit_handler().get_form_class(), SafeTextMixin), model


# The Word import.


def test_the_word_import_removes_them_from_title_summary_body_and_file_name(
    client, editor_a, agency_a
):
    client.force_login(editor_a)
    data = make_docx(
        [f"Tiêu đề {RLO}đảo chiều", f"Tóm tắt {RLO}ngắn.", "Thân bài \u2067dài\u2069 hơn."]
    )
    upload = SimpleUploadedFile(f"tin{RLO}fdp.docx", data, content_type=DOCX_TYPE)

    response = client.post(
        reverse("cchc_news_word_import", args=(agency_a.index_page.pk,)), {"file": upload}
    )

    assert response.status_code == 302
    draft = NewsItemPage.objects.get().get_latest_revision_as_object()
    assert (draft.title, draft.summary) == ("Tiêu đề đảo chiều", "Tóm tắt ngắn.")
    assert draft.body == "<p>Thân bài dài hơn.</p>"
    assert draft.original_file.title == "Tiêu đề đảo chiều"


# Documents and images.


def test_a_document_title_is_cleaned_at_upload(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": f"Quyết định {RLO}fdp.exe",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("quyet-dinh.pdf", make_pdf()),
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Quyết định fdp.exe"


def test_an_image_title_is_cleaned_at_upload_and_edit(client, superuser):
    client.force_login(superuser)
    collection = Collection.get_first_root_node().pk
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": f"Ảnh {RLO}gnp",
            "collection": collection,
            "file": SimpleUploadedFile("anh.png", png()),
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.title == "Ảnh gnp"

    response = client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": "Ảnh \u2066mới\u2069", "collection": collection, "tags": f"hội{RLO}nghị"},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Ảnh mới"
    assert list(image.tags.names()) == ["hộinghị"]


# The taxonomy, the agencies, the withdrawal reason, the search box.


def test_taxonomy_and_agency_screens_clean_their_text(client, superuser):
    client.force_login(superuser)
    kind = AgencyKindFactory(name="Sở, ban, ngành")
    response = client.post(
        reverse("topics:add"), {"name": f"Chuyển đổi {RLO}số", "slug": "", "description": RLO}
    )
    assert response.status_code == 302
    assert Topic.objects.values_list("name", "description").get() == ("Chuyển đổi số", "")

    response = client.post(
        reverse("agencies:add"),
        {
            "name": f"Sở {RLO}Tư pháp",
            "short_name": f"STP{RLO}",
            "code": "stp-moi",
            "kind": kind.pk,
            "email": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Agency.objects.values_list("name", "short_name").get() == ("Sở Tư pháp", "STP")


def test_every_admin_screen_of_the_section_that_takes_text_uses_a_safe_text_form():
    superuser = get_user_model()(is_superuser=True, is_active=True)
    for viewset_class in CCHCViewSetGroup.items:
        viewset = viewset_class()
        if not viewset.permission_policy.user_has_any_permission(superuser, ["add", "change"]):
            continue  # read-only (the outgoing e-mails): no form reaches the database
        assert issubclass(viewset.get_form_class(), SafeTextMixin), viewset_class


def test_the_withdrawal_reason_is_cleaned_and_one_of_controls_only_is_refused():
    form = WithdrawalForm({"reason": f"Sai {RLO}số liệu, đăng lại sau."})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reason"] == "Sai số liệu, đăng lại sau."
    assert not WithdrawalForm({"reason": RLO * 3}).is_valid()


def test_the_search_query_has_none():
    assert clean_query(f"hồ sơ {RLO}trực tuyến") == "hồ sơ trực tuyến"
