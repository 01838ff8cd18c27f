"""The CCHC office may publish an item without review, with a reason kept in its history."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import PageLogEntry

from cchc_news.models import NewsItemPage
from tests.admin_forms import news_item_form

from .builders import draft_item
from .helpers import edit_url

pytestmark = pytest.mark.django_db

REASON = "Tin khẩn về lịch tiếp công dân, cần đăng ngay trong ngày."
PUBLISH_WITHOUT_REVIEW = "cchc_news.publish_without_review"


@pytest.fixture
def item(agency_a, editor_a, topic, original_pdf):
    return draft_item(
        agency_a,
        editor_a,
        title="Lịch tiếp công dân tháng 12",
        topic=topic,
        original_file=original_pdf,
    )


def publish_form(item, **fields):
    return news_item_form(
        title=item.title,
        slug=item.slug,
        topic=item.topic,
        original_file=item.original_file_id,
        **{"action-publish": "1"},
        **fields,
    )


def history_url(item):
    return reverse("wagtailadmin_pages:history", args=[item.pk])


def test_publishing_without_a_reason_is_refused(client, office_user, item):
    client.force_login(office_user)

    response = client.post(edit_url(item), publish_form(item, publication_reason="  "))

    assert response.status_code == 200
    assert "publication_reason" in response.context["form"].errors
    item.refresh_from_db()
    assert not item.live
    assert not PageLogEntry.objects.filter(page=item, action="wagtail.publish").exists()
    assert not PageLogEntry.objects.filter(page=item, action=PUBLISH_WITHOUT_REVIEW).exists()


def test_publishing_with_a_reason_goes_live_and_keeps_the_reason_in_the_history(
    client, office_user, item
):
    client.force_login(office_user)

    response = client.post(edit_url(item), publish_form(item, publication_reason=REASON))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.live
    entry = PageLogEntry.objects.get(page=item, action=PUBLISH_WITHOUT_REVIEW)
    assert entry.data["reason"] == REASON
    assert entry.user == office_user
    assert PageLogEntry.objects.filter(page=item, action="wagtail.publish").exists()

    history = client.get(history_url(item))
    assert history.status_code == 200
    assert escape(REASON) in history.content.decode()


def test_the_reason_field_is_not_offered_to_agency_editors(client, editor_a, item):
    client.force_login(editor_a)

    response = client.get(edit_url(item))

    assert response.status_code == 200
    assert "publication_reason" not in response.context["form"].fields
    assert 'name="action-publish"' not in response.content.decode()


def bulk_publish_url(*pages, next_url="/admin/"):
    ids = "&".join(f"id={page.pk}" for page in pages)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return f"{url}?{ids}&next={next_url}"


def test_news_items_cannot_be_published_in_bulk(client, office_user, item, agency_a, editor_a):
    other = draft_item(agency_a, editor_a, title="Tin thứ hai", topic=item.topic)
    client.force_login(office_user)

    confirm = client.get(bulk_publish_url(item, other))
    assert confirm.status_code == 200  # Wagtail offers the action to the office...

    response = client.post(bulk_publish_url(item, other), {"include_descendants": ""})

    # ...but carrying it out is refused, with a message, and nothing goes live.
    assert response.status_code == 302
    assert not NewsItemPage.objects.filter(live=True).exists()
    published = PageLogEntry.objects.filter(action="wagtail.publish", page__in=[item, other])
    assert not published.exists()
    followed = client.get(response["Location"])
    messages = [str(message) for message in followed.context["messages"]]
    assert any("Không thể đăng hàng loạt tin, bài" in m for m in messages), messages


def test_a_reason_posted_by_someone_who_cannot_publish_is_not_logged(client, editor_a, item):
    """An editor's crafted "publish" only saves a draft; the history must not claim otherwise."""
    client.force_login(editor_a)

    response = client.post(edit_url(item), publish_form(item, publication_reason=REASON))

    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.live
    assert not PageLogEntry.objects.filter(page=item, action=PUBLISH_WITHOUT_REVIEW).exists()
    assert REASON not in client.get(history_url(item)).content.decode()


def test_creating_and_publishing_at_once_needs_a_reason_too(
    client, office_user, agency_a, topic, original_pdf
):
    client.force_login(office_user)
    url = reverse(
        "wagtailadmin_pages:add", args=("cchc_news", "newsitempage", agency_a.index_page.pk)
    )
    data = {"topic": topic, "original_file": original_pdf.pk, "action-publish": "1"}

    refused = client.post(url, news_item_form(title="Thông báo khẩn", **data))
    assert refused.status_code == 200
    assert "publication_reason" in refused.context["form"].errors
    assert not NewsItemPage.objects.exists()

    response = client.post(
        url, news_item_form(title="Thông báo khẩn", publication_reason=REASON, **data)
    )
    assert response.status_code == 302
    item = NewsItemPage.objects.get()
    assert item.live
    entry = PageLogEntry.objects.get(page=item, action=PUBLISH_WITHOUT_REVIEW)
    assert entry.data == {"reason": REASON, "failing_rules": []}
