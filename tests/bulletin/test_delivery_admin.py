import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bulletin.assembly import assemble
from bulletin.backends import Outcome
from bulletin.models import FeedAttempt, FeedDelivery
from bulletin.weeks import Week
from tests.helpers import assert_denied

from .conftest import local

pytestmark = pytest.mark.django_db


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


# --- without HTTP: rows built directly, a fake central backend for "try it now" ---------------

FAKE = "tests.bulletin.test_delivery_admin"


class AcceptingBackend:
    """The central e-bulletin as a fake that accepts everything (only the outside is faked)."""

    name = f"{FAKE}.AcceptingBackend"
    sent = []

    def target(self):
        return "https://central.example/webhook"

    def is_configured(self):
        return True

    def send(self, delivery):
        self.sent.append(delivery.webhook_id)
        return Outcome(True, http_status=200, response_excerpt='{"ok": true}')


class UnavailableBackend(AcceptingBackend):
    """The central e-bulletin down for maintenance: every try fails, worth retrying."""

    name = f"{FAKE}.UnavailableBackend"

    def send(self, delivery):
        self.sent.append(delivery.webhook_id)
        return Outcome(False, retryable=True, http_status=503, error="HTTP 503")


@pytest.fixture
def fake_central(settings):
    AcceptingBackend.sent = []
    settings.CENTRAL_FEED_BACKEND = AcceptingBackend.name
    return AcceptingBackend


@pytest.fixture
def bulletin(archive, publish_item):
    """Bản tin số 1/2026, published with the feed unconfigured: its central row is "skipped"."""
    publish_item(local(2026, 11, 23, 9, 0))
    page = assemble(Week(2026, 48)).bulletin
    assert central_of(page).status == FeedDelivery.SKIPPED
    return page


def central_of(page):
    return FeedDelivery.objects.get(bulletin=page, channel=FeedDelivery.CHANNEL_CENTRAL)


def make_failed(page, status=FeedDelivery.FAILED):
    """The bulletin's central row after two failed tries (built directly, no HTTP)."""
    record = central_of(page)
    record.status, record.backend, record.last_error = status, "webhook", "HTTP 503"
    record.attempt_count = 2
    record.save()
    for number, minute in ((1, 5), (2, 6)):
        FeedAttempt.objects.create(
            delivery=record,
            number=number,
            started_at=local(2026, 11, 27, 16, minute),
            duration_ms=120,
            http_status=503,
            response_excerpt="Service Unavailable (bảo trì)",
            error="HTTP 503",
        )
    return record


def websub_row():
    return FeedDelivery.objects.create(
        channel=FeedDelivery.CHANNEL_WEBSUB,
        backend="websub",
        webhook_id="msg_websub_1",
        target="https://hub.example/",
        payload={"topics": ["https://portal.example/feed/"]},
        status=FeedDelivery.SUCCEEDED,
    )


def run(*args):
    out = io.StringIO()
    call_command("deliver_bulletin", *args, stdout=out)
    return out.getvalue()


def test_leadership_reads_the_attempts_in_local_time(client, leader, bulletin):
    record = make_failed(bulletin)
    client.force_login(leader)
    listing = client.get(reverse("deliveries:index"))
    assert listing.status_code == 200
    assert reverse("deliveries:inspect", args=[record.pk]) in listing.content.decode()
    assert reverse("deliveries:edit", args=[record.pk]) not in listing.content.decode()
    detail = client.get(reverse("deliveries:inspect", args=[record.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "27/11/2026 16:05" in html and "27/11/2026 16:06" in html  # Asia/Ho_Chi_Minh
    assert "Service Unavailable (bảo trì)" in html and record.webhook_id in html


def test_filters_by_status_and_channel(client, office_user, bulletin):
    make_failed(bulletin)
    websub_row()
    client.force_login(office_user)

    def listed(**params):
        html = client.get(reverse("deliveries:index"), params).content.decode()
        return "Bản tin CCHC số 1/2026" in html, "https://hub.example/" in html

    assert listed() == (True, True)
    assert listed(status="failed") == (True, False)
    assert listed(status="succeeded") == (False, True)
    assert listed(channel="websub") == (False, True)
    assert listed(channel="central") == (True, False)


def test_get_does_not_resend_and_post_resets_to_pending(client, office_user, bulletin):
    record = make_failed(bulletin)
    client.force_login(office_user)
    url = reverse("bulletin_resend", args=[record.pk])
    assert client.get(url).status_code == 405
    record.refresh_from_db()
    assert record.status == FeedDelivery.FAILED

    # CENTRAL_FEED_URL is unset here: resend keeps the row but records it as skipped.
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("deliveries:inspect", args=[record.pk])
    record.refresh_from_db()
    assert record.status == FeedDelivery.SKIPPED


def test_post_resend_makes_the_delivery_pending_with_the_same_id(
    client, office_user, bulletin, fake_central
):
    record = make_failed(bulletin)
    webhook_id = record.webhook_id
    client.force_login(office_user)
    client.post(reverse("bulletin_resend", args=[record.pk]))  # on_commit: not run in the test
    record.refresh_from_db()
    assert record.status == FeedDelivery.PENDING and record.webhook_id == webhook_id
    assert record.next_attempt_at is not None and FeedDelivery.objects.count() == 1


def test_csrf_protects_the_resend(office_user, bulletin):
    from django.test import Client

    record = make_failed(bulletin)
    client = Client(enforce_csrf_checks=True)
    client.force_login(office_user)
    assert client.post(reverse("bulletin_resend", args=[record.pk])).status_code == 403
    record.refresh_from_db()
    assert record.status == FeedDelivery.FAILED


def test_dashboard_warns_while_retries_fail_and_not_for_others(
    client, office_user, editor_a, bulletin
):
    record = make_failed(bulletin, status=FeedDelivery.PENDING)
    link = reverse("deliveries:inspect", args=[record.pk])
    client.force_login(office_user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert link in home and "HTTP 503" in home and "Bản tin CCHC số 1/2026" in home
    client.force_login(editor_a)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert link not in home and reverse("deliveries:index") not in home  # no menu item either


def test_no_dashboard_warning_without_a_failure(client, office_user, bulletin, fake_central):
    client.force_login(office_user)

    def warned():
        return (
            "failed-delivery-heading" in client.get(reverse("wagtailadmin_home")).content.decode()
        )

    assert not warned()  # only a skipped row
    run("1/2026")
    assert central_of(bulletin).status == FeedDelivery.SUCCEEDED and not warned()
    FeedDelivery.objects.filter(bulletin=bulletin).update(status=FeedDelivery.FAILED)
    assert warned()
    FeedDelivery.objects.all().delete()
    assert not warned()  # none at all


def test_command_by_id_sends_a_bulletin_published_before_the_feed_was_set_up(
    bulletin, fake_central
):
    output = run(str(bulletin.pk))
    record = central_of(bulletin)
    assert record.status == FeedDelivery.SUCCEEDED and record.attempt_count == 1
    assert fake_central.sent == [record.webhook_id]
    assert "Bản tin CCHC số 1/2026" in output and "đã gửi thành công" in output.lower()


def test_command_records_a_missing_delivery_and_tries_it(bulletin, fake_central):
    FeedDelivery.objects.all().delete()
    run("1/2026")
    record = central_of(bulletin)
    assert record.status == FeedDelivery.SUCCEEDED and fake_central.sent == [record.webhook_id]


def test_command_tries_a_pending_delivery_now(bulletin, fake_central):
    record = make_failed(bulletin, status=FeedDelivery.PENDING)
    FeedDelivery.objects.filter(pk=record.pk).update(
        backend=fake_central.name, next_attempt_at=local(2030, 1, 1, 0, 0)
    )
    run("1/2026")
    record.refresh_from_db()
    assert record.status == FeedDelivery.SUCCEEDED and record.attempt_count == 3


def test_command_leaves_a_delivered_bulletin_alone_unless_resent(bulletin, fake_central):
    run("1/2026")
    run("1/2026")
    assert len(fake_central.sent) == 1
    run("1/2026", "--resend")
    record = central_of(bulletin)
    assert fake_central.sent == [record.webhook_id] * 2 and record.attempt_count == 2


def test_command_takes_a_bare_number_in_the_current_iso_year(bulletin, fake_central, monkeypatch):
    from bulletin.management.commands import deliver_bulletin

    monkeypatch.setattr(deliver_bulletin, "current_week", lambda: Week(2026, 48))
    FeedDelivery.objects.filter(bulletin=bulletin).update(status=FeedDelivery.FAILED)
    assert "đã gửi thành công" not in run("1").lower()  # failed for good: only --resend
    run("1", "--resend")
    assert central_of(bulletin).status == FeedDelivery.SUCCEEDED


def test_command_resend_outside_a_transaction_tries_once(bulletin, settings, monkeypatch):
    """As in a shell: on_commit runs at once, and the command must not try a second time."""
    UnavailableBackend.sent = []
    settings.CENTRAL_FEED_BACKEND = UnavailableBackend.name
    make_failed(bulletin)
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, *a, **kw: func())
    output = run("1/2026", "--resend")
    record = central_of(bulletin)
    assert len(UnavailableBackend.sent) == 1 and record.attempt_count == 3
    assert record.status == FeedDelivery.PENDING and "HTTP 503" in output


def test_command_rejects_a_draft_or_missing_page_id(bulletin):
    with pytest.raises(CommandError):
        run("999999")
    with pytest.raises(CommandError):
        run("1/2025")
