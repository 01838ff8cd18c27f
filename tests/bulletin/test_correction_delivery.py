"""A correction of an issued bulletin reaches the central e-bulletin as its own event."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

import bulletin
from bulletin.assembly import assemble
from bulletin.models import BulletinCorrection, BulletinPage, FeedDelivery
from bulletin.weeks import Week

from .conftest import local
from .editing import post_editor

pytestmark = pytest.mark.django_db

SCHEMA_PATH = Path(bulletin.__file__).parent / "schemas" / "central-feed-event.schema.json"
REASON = "Bổ sung ghi chú của Phòng CCHC cho tin của Sở Tư pháp"


def validate(document):
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator(schema).validate(document)


@pytest.fixture
def items(archive, publish_item):
    return [
        publish_item(local(2026, 11, 23, 9, 0), "Đồng Nai: một cửa liên thông"),
        publish_item(local(2026, 11, 24, 9, 0), "Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo"),
    ]


@pytest.fixture
def issued(receiver, items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return assemble(Week(2026, 48)).bulletin


def central_deliveries():
    return list(FeedDelivery.objects.filter(channel=FeedDelivery.CHANNEL_CENTRAL).order_by("pk"))


def correct_in_editor(client, user, bulletin, items, capture, reason=REASON, **fields):
    """Open a correction through its admin form, then publish the edit from Wagtail's editor."""
    client.force_login(user)
    response = client.post(
        reverse("bulletin_correction_open", args=[bulletin.pk]), {"reason": reason}
    )
    assert response.status_code == 302
    with capture(execute=True):
        response = post_editor(client, bulletin, items, "action-publish", **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return BulletinCorrection.objects.get(bulletin=bulletin)


def test_first_publication_sends_one_published_event_that_validates(issued, receiver):
    [first] = central_deliveries()
    assert first.correction is None
    assert first.payload["type"] == "bulletin.published" and first.payload["version"] == 1
    assert "correction" not in first.payload["data"]
    validate(first.payload)
    assert [r.json["type"] for r in receiver.received] == ["bulletin.published"]


def test_a_correction_publishes_logs_and_queues_exactly_one_new_delivery(
    client, office_user, issued, items, receiver, django_capture_on_commit_callbacks
):
    [first] = central_deliveries()
    first_payload = first.payload
    correction = correct_in_editor(
        client, office_user, issued, items[:1], django_capture_on_commit_callbacks
    )

    assert correction.published_at is not None and correction.published_by == office_user
    assert issued.open_correction() is None
    logged = PageLogEntry.objects.filter(page=issued, action="bulletin.correction.publish")
    assert [entry.data["reason"] for entry in logged] == [REASON]

    first_again, corrected = central_deliveries()
    assert first_again.pk == first.pk and first_again.payload == first_payload  # untouched
    assert corrected.correction == correction
    assert corrected.webhook_id != first.webhook_id
    document = corrected.payload
    validate(document)
    assert document["type"] == "bulletin.corrected" and document["version"] == 1
    same = ("title", "number", "year", "week", "url")
    assert {key: document["data"]["bulletin"][key] for key in same} == {
        key: first_payload["data"]["bulletin"][key] for key in same
    }
    assert document["data"]["correction"]["reason"] == REASON
    assert document["data"]["correction"]["corrected_at"].endswith("+07:00")
    assert [item["title"] for item in document["data"]["items"]] == [items[0].title]

    # Delivered at once, signed, with its own webhook-id.
    assert corrected.status == FeedDelivery.SUCCEEDED
    assert [r.json["type"] for r in receiver.received] == [
        "bulletin.published",
        "bulletin.corrected",
    ]
    assert receiver.received[1].valid
    assert receiver.received[1].headers["webhook-id"] == corrected.webhook_id


def test_publishing_an_issued_bulletin_without_a_correction_sends_nothing(
    issued, receiver, django_capture_on_commit_callbacks
):
    page = BulletinPage.objects.get(pk=issued.pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(central_deliveries()) == 1 and len(receiver.received) == 1


def test_resending_a_correction_keeps_its_type_reason_and_webhook_id(
    client, office_user, issued, items, receiver, django_capture_on_commit_callbacks
):
    correct_in_editor(client, office_user, issued, items[:1], django_capture_on_commit_callbacks)
    _first, corrected = central_deliveries()
    before = corrected.payload

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("bulletin_resend", args=[corrected.pk]))
    assert response.status_code == 302

    corrected.refresh_from_db()
    validate(corrected.payload)
    assert corrected.payload["type"] == "bulletin.corrected"
    assert corrected.payload["data"]["correction"] == before["data"]["correction"]
    assert corrected.payload["timestamp"] == before["timestamp"]  # when it happened, not resent
    resent = receiver.received[-1]
    assert resent.headers["webhook-id"] == corrected.webhook_id and resent.valid
    assert resent.json["type"] == "bulletin.corrected"
    assert resent.json["data"]["correction"]["reason"] == REASON
    assert len(central_deliveries()) == 2


def test_resending_the_first_delivery_keeps_it_a_published_event(
    client, office_user, issued, items, receiver, django_capture_on_commit_callbacks
):
    correct_in_editor(client, office_user, issued, items[:1], django_capture_on_commit_callbacks)
    first, _corrected = central_deliveries()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("bulletin_resend", args=[first.pk]))
    first.refresh_from_db()
    validate(first.payload)
    assert first.payload["type"] == "bulletin.published"
    assert "correction" not in first.payload["data"]
    assert receiver.received[-1].headers["webhook-id"] == first.webhook_id


def test_the_delivery_log_shows_each_event_type(
    client, office_user, issued, items, django_capture_on_commit_callbacks
):
    correct_in_editor(client, office_user, issued, items[:1], django_capture_on_commit_callbacks)
    _first, corrected = central_deliveries()
    listing = client.get(reverse("deliveries:index")).content.decode()
    assert "bulletin.published" in listing and "bulletin.corrected" in listing
    detail = client.get(reverse("deliveries:inspect", args=[corrected.pk])).content.decode()
    assert "bulletin.corrected" in detail and REASON in detail


def test_schema_refuses_a_correction_without_its_reason(issued):
    [first] = central_deliveries()
    document = {**first.payload, "type": "bulletin.corrected"}
    with pytest.raises(jsonschema.ValidationError):
        validate(document)
    document["data"] = {**first.payload["data"], "correction": {"reason": "", "corrected_at": ""}}
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_the_email_backend_says_it_is_a_correction_and_why(
    client, office_user, issued, items, settings, django_capture_on_commit_callbacks
):
    settings.CENTRAL_FEED_BACKEND = "email"
    settings.CENTRAL_FEED_EMAIL = "banbientap@chinhphu.example.vn"
    correct_in_editor(client, office_user, issued, items[:1], django_capture_on_commit_callbacks)
    _first, corrected = central_deliveries()
    assert corrected.status == FeedDelivery.SUCCEEDED
    [message] = [m for m in mail.outbox if m.to == ["banbientap@chinhphu.example.vn"]]
    assert message.subject.startswith("Đính chính: Bản tin CCHC số 1/2026")
    assert f"Đính chính ngày {timezone.localdate():%d/%m/%Y}: {REASON}" in message.body
    assert message.extra_headers["X-Webhook-Id"] == corrected.webhook_id


def test_withdrawing_an_item_through_the_news_app_sends_one_correction(
    issued, items, office_user, receiver, django_capture_on_commit_callbacks
):
    from cchc_news.withdrawal.actions import withdraw

    with django_capture_on_commit_callbacks(execute=True):
        withdraw(items[1], "Số liệu chưa được đơn vị xác nhận", office_user)

    first, corrected = central_deliveries()
    validate(corrected.payload)
    assert corrected.payload["type"] == "bulletin.corrected"
    assert corrected.payload["data"]["correction"]["reason"] == (
        f"Gỡ tin “{items[1].title}”: Số liệu chưa được đơn vị xác nhận"
    )
    assert [item["title"] for item in corrected.payload["data"]["items"]] == [items[0].title]
    assert corrected.webhook_id != first.webhook_id and corrected.status == FeedDelivery.SUCCEEDED
    assert [r.json["type"] for r in receiver.received] == [
        "bulletin.published",
        "bulletin.corrected",
    ]
    assert BulletinPage.objects.get(pk=issued.pk).item_ids() == [items[0].pk]
