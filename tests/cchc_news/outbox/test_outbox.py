"""The e-mail outbox: written in the caller's transaction, sent after the commit, kept and
retried while the SMTP server is down, never sent twice. Only the SMTP server is replaced
(a closed port, then Django's in-memory backend)."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc_news.models import OutboxEmail, OutboxNotice
from cchc_news.outbox import storage
from cchc_news.outbox.sending import OUTBOX_BACKEND, flush

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
BUILDERS = "tests.cchc_news.outbox.transports"


class Rollback(Exception):
    pass


@pytest.fixture
def through_the_outbox():
    """The portal's set-up: EMAIL_BACKEND is the outbox, which sends through locmem."""
    with override_settings(EMAIL_BACKEND=OUTBOX_BACKEND, CCHC_OUTBOX_TRANSPORT=LOCMEM):
        yield


@pytest.fixture
def smtp_down():
    """An SMTP server that refuses connections: a port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with override_settings(
        EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_TIMEOUT=2
    ):
        yield


def test_an_email_is_written_in_the_transaction_and_sent_after_the_commit(
    through_the_outbox, django_capture_on_commit_callbacks
):
    message = mail.EmailMultiAlternatives("Mật khẩu", "Văn bản", to=["a@example.gov.vn"])
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("so-lieu.csv", "a,b\n1,2\n", "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            assert message.send() == 1
            assert OutboxEmail.objects.get().status == "pending"
        assert mail.outbox == []  # not before the commit

    sent = mail.outbox[0]
    assert (sent.subject, sent.body, sent.to) == ("Mật khẩu", "Văn bản", ["a@example.gov.vn"])
    assert sent.alternatives[0][:2] == ("<p>HTML</p>", "text/html")
    assert sent.attachments[0][:3] == ("so-lieu.csv", "a,b\n1,2\n", "text/csv")
    row = OutboxEmail.objects.get()
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "")


def test_a_rolled_back_action_sends_nothing(through_the_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                mail.send_mail("Hủy", "Không gửi", None, ["a@example.gov.vn"])
                storage.defer(f"{BUILDERS}.one_email", to="b@example.gov.vn")
                raise Rollback
        except Rollback:
            pass
    assert callbacks == []
    assert not OutboxEmail.objects.exists() and not OutboxNotice.objects.exists()
    assert flush() == "0 written, 0 sent, 0 failed"
    assert mail.outbox == []


def test_a_notice_is_replaced_by_its_emails_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        storage.defer(f"{BUILDERS}.one_email", source="test", to="b@example.gov.vn")
    assert [m.to for m in mail.outbox] == [["b@example.gov.vn"]]
    assert not OutboxNotice.objects.exists()
    assert OutboxEmail.objects.get().source == "test"
    assert flush() == "0 written, 0 sent, 0 failed"


def test_with_the_smtp_server_down_the_email_is_kept_and_tried_again_later(smtp_down):
    storage.write([mail.EmailMessage("Chờ duyệt", "…", to=["head@example.gov.vn"])], send=False)

    assert flush() == "0 written, 0 sent, 1 failed"
    row = OutboxEmail.objects.get()
    assert (row.status, row.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=50)  # 60 s ± 10 %
    assert flush() == "0 written, 0 sent, 0 failed"  # not due yet: no second try now

    with override_settings(EMAIL_BACKEND=LOCMEM):  # the server is back
        later = timezone.now() + timedelta(minutes=2)
        assert flush(at=later) == "0 written, 1 sent, 0 failed"
        assert flush(at=later + timedelta(days=1)) == "0 written, 0 sent, 0 failed"
    assert [m.to for m in mail.outbox] == [["head@example.gov.vn"]]
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")


def test_after_the_last_attempt_the_email_is_marked_failed(smtp_down, settings):
    settings.CCHC_OUTBOX_MAX_ATTEMPTS = 2
    storage.write([mail.EmailMessage("Chờ duyệt", "…", to=["head@example.gov.vn"])], send=False)
    flush()
    flush(at=timezone.now() + timedelta(hours=1))

    row = OutboxEmail.objects.get()
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 2, None)
    assert "ConnectionRefusedError" in row.last_error
    assert flush(at=timezone.now() + timedelta(days=30)) == "0 written, 0 sent, 0 failed"


def test_a_builder_that_fails_keeps_its_notice_with_the_error():
    storage.defer(f"{BUILDERS}.broken_builder", item=7)
    assert flush() == "0 written, 0 sent, 0 failed"
    notice = OutboxNotice.objects.get()
    assert (notice.status, notice.attempts) == ("pending", 1)
    assert "LookupError" in notice.last_error


def queries(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def write(count):
    messages = [mail.EmailMessage(f"#{n}", "…", to=[f"u{n}@example.gov.vn"]) for n in range(count)]
    with CaptureQueriesContext(connection) as captured:
        storage.write(messages, send=False)
    return len(captured)


def test_query_counts_stay_flat():
    assert write(1) == write(20)  # one INSERT, however many e-mails
    flush()

    idle = queries(flush)
    sending = []
    for count in (1, 2, 3):
        write(count)
        sending.append(queries(flush))
    # Each e-mail costs the same fixed number of queries (claim, mark sent).
    assert sending[2] - sending[1] == sending[1] - sending[0] <= 6
    assert queries(flush) == idle  # 27 sent rows in the table cost an idle run nothing
