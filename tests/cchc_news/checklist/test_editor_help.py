"""Every field an editor fills on a news item says, in Vietnamese, what it wants."""

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape
from wagtail.admin.panels import FieldPanel

from cchc_news.models import NewsItemPage, NewsItemReference

pytestmark = pytest.mark.django_db


def field_panels(panel):
    if isinstance(panel, FieldPanel):
        yield panel
    for child in getattr(panel, "children", []):
        yield from field_panels(child)


def help_text(panel, model):
    if panel.help_text:
        return str(panel.help_text)
    try:
        return str(model._meta.get_field(panel.field_name).help_text)
    except FieldDoesNotExist:  # a field of the form only, such as publication_reason
        return str(model.base_form_class.declared_fields[panel.field_name].help_text)


@pytest.mark.parametrize(
    ("model", "panels"),
    [
        (NewsItemPage, NewsItemPage.content_panels),
        (NewsItemReference, NewsItemReference.panels),
    ],
    ids=["item", "reference"],
)
def test_every_field_has_help(model, panels):
    from wagtail.admin.panels import ObjectList

    handler = ObjectList(panels).bind_to_model(model)
    missing = [
        panel.field_name for panel in field_panels(handler) if not help_text(panel, model).strip()
    ]
    assert missing == []


def test_editor_shows_the_help_in_vietnamese(client, editor_a, agency_a):
    client.force_login(editor_a)
    response = client.get(f"/admin/pages/add/cchc_news/newsitempage/{agency_a.index_page.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Tiêu đề ngắn gọn, cụ thể, không có dấu chấm ở cuối.",
        "Tối đa 3 trang A4",
        "Các đợt tuyên truyền mà tin, bài phản ánh (nếu có).",
        "Không bắt buộc. Ảnh ngang",
        "Trích yếu nội dung văn bản.",
    ):
        assert escape(text) in content or text in content, text
