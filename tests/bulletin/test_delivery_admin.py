import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bulletin.assembly import assemble
from bulletin.models import FeedAttempt, FeedDelivery
from bulletin.weeks import Week
from tests.helpers import assert_denied

from .conftest import local
from .receiver import SECRET, Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    receiver = Receiver().start()
    settings.CENTRAL_FEED_URL, settings.CENTRAL_FEED_SECRET = receiver.url, SECRET
    yield receiver
    receiver.stop()


@pytest.fixture
def failed(receiver, archive, publish_item, django_capture_on_commit_callbacks):
    receiver.script = ["410"]
    publish_item(local(2026, 11, 23, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        assemble(Week(2026, 48))
    record = FeedDelivery.objects.get(channel=FeedDelivery.CHANNEL_CENTRAL)
    assert record.status == FeedDelivery.FAILED
    return record


def test_office_reads_the_log_and_the_attempts(client, office_user, failed):
    client.force_login(office_user)
    listing = client.get(reverse("deliveries:index"), {"status": "failed"})
    assert listing.status_code == 200 and "Bản tin CCHC số 1/2026" in listing.content.decode()
    assert (
        "Bản tin CCHC số 1/2026"
        not in client.get(reverse("deliveries:index"), {"status": "succeeded"}).content.decode()
    )
    detail = client.get(reverse("deliveries:inspect", args=[failed.pk])).content.decode()
    assert "HTTP 410" in detail and failed.webhook_id in detail


def test_agency_users_cannot_see_or_resend(client, editor_a, head_a, failed):
    for user in (editor_a, head_a):
        client.force_login(user)
        assert_denied(client.get(reverse("deliveries:index")))
        assert_denied(client.get(reverse("deliveries:inspect", args=[failed.pk])))
        assert_denied(client.post(reverse("bulletin_resend", args=[failed.pk])))
    failed.refresh_from_db()
    assert failed.status == FeedDelivery.FAILED


def test_nobody_edits_the_log(client, office_user, failed):
    client.force_login(office_user)
    assert_denied(client.get(reverse("deliveries:edit", args=[failed.pk])))
    assert_denied(client.get(reverse("deliveries:delete", args=[failed.pk])))


def test_resend_is_a_post_and_keeps_the_webhook_id(
    client, office_user, failed, receiver, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    assert client.get(reverse("bulletin_resend", args=[failed.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("bulletin_resend", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == FeedDelivery.SUCCEEDED
    assert [r.headers["webhook-id"] for r in receiver.received] == [failed.webhook_id] * 2


def test_dashboard_warns_the_office_when_the_last_delivery_failed(client, office_user, failed):
    client.force_login(office_user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("deliveries:inspect", args=[failed.pk]) in home
    FeedDelivery.objects.filter(pk=failed.pk).update(status=FeedDelivery.SUCCEEDED)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("deliveries:inspect", args=[failed.pk]) not in home


def test_command_sends_and_resends(failed, receiver):
    out = io.StringIO()
    call_command("deliver_bulletin", "1/2026", "--resend", stdout=out)
    failed.refresh_from_db()
    assert failed.status == FeedDelivery.SUCCEEDED and "Bản tin CCHC số 1/2026" in out.getvalue()
    call_command("deliver_bulletin", str(failed.bulletin_id), stdout=io.StringIO())
    assert FeedAttempt.objects.filter(delivery=failed).count() == 2  # succeeded: not sent again


def test_command_rejects_an_unknown_bulletin(archive):
    with pytest.raises(CommandError):
        call_command("deliver_bulletin", "99/2026", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("deliver_bulletin", "số-1", stdout=io.StringIO())
