"""A thousand subscribers through a real SMTP server: each gets the bulletin once, with the
headers right, even when the worker dies half way through writing or sending."""

import pytest
from django.urls import reverse

from cchc_news.models import OutboxEmail
from subscriptions import mailing
from subscriptions.emails import BulletinEmail
from subscriptions.models import BulletinMailing, MailingRecipient, Subscriber

from .smtp_server import Crash, CrashingEmailBackend, SMTPServer

pytestmark = pytest.mark.django_db

SUBSCRIBERS = 1000
BACKEND = "tests.subscriptions.smtp_server.CrashingEmailBackend"


@pytest.fixture
def smtp_server(settings):
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = BACKEND
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        CrashingEmailBackend.sent, CrashingEmailBackend.crash_after = 0, None
        yield server


def assert_each_received_once(server, addresses):
    counts = server.mailbox.count_by_recipient()
    assert sorted(counts) == sorted(addresses)
    assert set(counts.values()) == {1}


def test_a_thousand_subscribers_each_receive_it_once_with_the_headers_right(
    smtp_server, make_subscribers, issue
):
    addresses = make_subscribers(SUBSCRIBERS)
    bulletin = issue()
    assert_each_received_once(smtp_server, addresses)
    tokens = dict(Subscriber.objects.values_list("email", "token"))
    for [recipient], message in smtp_server.mailbox.messages:
        path = reverse("subscriptions:unsubscribe", args=[tokens[recipient]])
        # Folded by the sender when long (RFC 5322): the value is the same unfolded.
        assert message["List-Unsubscribe"].strip() == f"<http://127.0.0.1:8000{path}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Subject"] == bulletin.title
        assert message.get_content_type() == "multipart/alternative"
        text, html = (part.get_content() for part in message.iter_parts())
        assert path in text and path in html and "<table" in html
    [counted] = BulletinMailing.objects.with_counts()
    assert (counted.recipient_count, counted.sent_count, counted.failed_count) == (1000, 1000, 0)


def test_a_crash_while_writing_then_one_while_sending_resume_without_duplicates(
    smtp_server, make_subscribers, issue, monkeypatch
):
    addresses = make_subscribers(SUBSCRIBERS)
    message_for = BulletinEmail.message_for
    calls = {"count": 0}

    def dies_at_the_450th(self, subscriber):
        calls["count"] += 1
        if calls["count"] == 450:
            raise Crash
        return message_for(self, subscriber)

    monkeypatch.setattr(BulletinEmail, "message_for", dies_at_the_450th)
    with pytest.raises(Crash):
        issue()
    # Two batches of 200 were committed with their recipients; the third rolled back.
    assert MailingRecipient.objects.filter(written_at__isnull=False).count() == 400
    assert OutboxEmail.objects.count() == 400 and smtp_server.mailbox.messages == []

    CrashingEmailBackend.crash_after = 300  # the restarted worker dies again, sending
    with pytest.raises(Crash):
        mailing.send_due()
    assert len(smtp_server.mailbox.messages) == 300

    mailing.send_due()  # the next tick
    assert_each_received_once(smtp_server, addresses)
    assert OutboxEmail.objects.count() == SUBSCRIBERS
    assert MailingRecipient.objects.filter(written_at__isnull=False).count() == SUBSCRIBERS
