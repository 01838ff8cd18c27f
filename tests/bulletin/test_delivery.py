"""Delivery of published bulletins to the central e-bulletin (a local receiver)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from bulletin import delivery
from bulletin.assembly import assemble
from bulletin.models import FeedAttempt, FeedDelivery
from bulletin.weeks import Week

from .conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish_bulletin(archive, publish_item, django_capture_on_commit_callbacks):
    def publish():
        publish_item(local(2026, 11, 23, 9, 0), "Đồng Nai: một cửa liên thông")
        with django_capture_on_commit_callbacks(execute=True):
            return assemble(Week(2026, 48)).bulletin

    return publish


def central():
    return FeedDelivery.objects.get(channel=FeedDelivery.CHANNEL_CENTRAL)


def run_due_retries():
    """Make every pending retry due now and run the dispatcher once."""
    FeedDelivery.objects.filter(status=FeedDelivery.PENDING).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    return delivery.dispatch_due()


def test_publishing_posts_the_signed_json_once(receiver, publish_bulletin):
    publish_bulletin()

    assert len(receiver.received) == 1
    request = receiver.received[0]
    assert request.valid, "signature rejected by an independent verifier"
    assert request.headers["content-type"].startswith("application/json")
    document = request.json
    assert document["type"] == "bulletin.published"
    data = document["data"]
    assert data["bulletin"] == {
        "title": "Bản tin CCHC số 1/2026",
        "number": 1,
        "year": 2026,
        "week": 48,
        "period_start": "2026-11-20T16:00:00+07:00",
        "period_end": "2026-11-27T16:00:00+07:00",
        "url": "http://127.0.0.1:8000/cai-cach-hanh-chinh/ban-tin/2026-so-1/",
    }
    [item] = data["items"]
    assert item["title"] == "Đồng Nai: một cửa liên thông"
    assert item["url"].startswith("http://127.0.0.1:8000/cai-cach-hanh-chinh/")
    assert set(item) == {
        "title",
        "summary",
        "url",
        "agency",
        "topic",
        "published_at",
        "attachment_url",
    }
    record = central()
    assert record.status == FeedDelivery.SUCCEEDED and record.attempt_count == 1
    assert request.headers["webhook-id"] == record.webhook_id
    assert run_due_retries() == 0 and len(receiver.received) == 1  # never twice


def test_transient_failures_are_retried_with_the_same_webhook_id(receiver, publish_bulletin):
    receiver.script = ["503", "timeout", "502"]
    publish_bulletin()
    record = central()
    assert record.status == FeedDelivery.PENDING
    assert record.next_attempt_at > timezone.now() + timedelta(seconds=50)  # backoff, not at once

    while run_due_retries():
        pass

    record.refresh_from_db()
    assert record.status == FeedDelivery.SUCCEEDED and record.attempt_count == 4
    assert len(receiver.received) == 4
    assert {r.headers["webhook-id"] for r in receiver.received} == {record.webhook_id}
    assert all(r.valid for r in receiver.received)
    attempts = list(FeedAttempt.objects.filter(delivery=record).order_by("number"))
    assert [a.http_status for a in attempts] == [503, None, 502, 200]
    assert "Timeout" in attempts[1].error
    assert run_due_retries() == 0 and len(receiver.received) == 4


def test_gone_stops_at_once(receiver, publish_bulletin):
    receiver.script = ["410"]
    publish_bulletin()
    record = central()
    assert record.status == FeedDelivery.FAILED and record.next_attempt_at is None
    assert run_due_retries() == 0 and len(receiver.received) == 1


@pytest.mark.parametrize("status", ["400", "401", "404"])
def test_other_client_errors_are_permanent(receiver, publish_bulletin, status):
    receiver.script = [status]
    publish_bulletin()
    assert central().status == FeedDelivery.FAILED


@pytest.mark.parametrize("status", ["408", "429", "500"])
def test_timeouts_throttling_and_server_errors_are_retried(receiver, publish_bulletin, status):
    receiver.script = [status]
    publish_bulletin()
    assert central().status == FeedDelivery.PENDING


def test_retry_after_is_honoured(receiver, publish_bulletin):
    receiver.script = ["429:7200"]
    before = timezone.now()
    publish_bulletin()
    assert central().next_attempt_at >= before + timedelta(seconds=7200)


def test_gives_up_after_the_configured_attempts(receiver, publish_bulletin, settings):
    settings.CENTRAL_FEED_MAX_ATTEMPTS = 3
    receiver.script = ["500"] * 10
    publish_bulletin()
    while run_due_retries():
        pass
    record = central()
    assert record.status == FeedDelivery.FAILED and record.attempt_count == 3
    assert record.last_error == "HTTP 500"


def test_backoff_spreads_attempts_over_about_a_day():
    total = sum(delivery.retry_delay(n) for n in range(1, delivery.max_attempts()))
    assert 0.8 * 86400 < total < 1.3 * 86400


def test_resend_uses_the_same_webhook_id(receiver, publish_bulletin):
    publish_bulletin()
    record = central()
    delivery.resend(record)
    run_due_retries()
    assert len(receiver.received) == 2
    assert receiver.received[1].headers["webhook-id"] == record.webhook_id
    record.refresh_from_db()
    assert record.status == FeedDelivery.SUCCEEDED and record.attempt_count == 2


def test_unconfigured_feed_is_recorded_as_skipped(publish_bulletin, settings):
    settings.CENTRAL_FEED_URL = ""
    publish_bulletin()
    record = central()
    assert record.status == FeedDelivery.SKIPPED and "CENTRAL_FEED_URL" in record.last_error


def test_email_backend_sends_the_pdf_and_links(publish_bulletin, settings):
    settings.CENTRAL_FEED_BACKEND = "email"
    settings.CENTRAL_FEED_EMAIL = "banbientap@chinhphu.example.vn"
    publish_bulletin()
    record = central()
    assert record.status == FeedDelivery.SUCCEEDED
    [message] = [m for m in mail.outbox if m.to == ["banbientap@chinhphu.example.vn"]]
    assert "Bản tin CCHC số 1/2026" in message.subject
    assert "Đồng Nai: một cửa liên thông" in message.body
    assert "http://127.0.0.1:8000/cai-cach-hanh-chinh/" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name == "ban-tin-cchc-so-1-2026.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF")


def test_broker_down_at_publication_the_sweeper_delivers_later(
    receiver, publish_bulletin, unreachable_broker
):
    bulletin = publish_bulletin()
    bulletin.refresh_from_db()
    assert bulletin.live  # publication succeeded
    record = central()
    assert record.status == FeedDelivery.PENDING and record.attempt_count == 0
    assert receiver.received == []

    assert delivery.dispatch_due() == 1  # the periodic sweeper (beat) picks it up
    record.refresh_from_db()
    assert record.status == FeedDelivery.SUCCEEDED
    assert len(receiver.received) == 1 and receiver.received[0].valid
