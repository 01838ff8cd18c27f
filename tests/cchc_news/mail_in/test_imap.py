"""Reading the office's mailbox on a real IMAP server (Dovecot, tests/.../dovecot_stand.py):
each message placed once and moved to the processed folder only after its commit; a second read,
or a read after a crash between the commit and the move, makes nothing twice."""

import imaplib
import io
import ssl
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from imap_tools import MailBoxUnencrypted

from cchc_news.mail_in import imap
from cchc_news.models import IncomingMail, JobRun, NewsItemPage
from cchc_news.scheduler import tick

from .conftest import eml
from .dovecot_stand import run_dovecot
from .messages import message

pytestmark = pytest.mark.django_db

PROCESSED = "Da xu ly"


@pytest.fixture
def dovecot():
    yield from run_dovecot()


@pytest.fixture
def mailbox_settings(settings, dovecot):
    settings.CCHC_MAIL_IN_HOST = "127.0.0.1"
    settings.CCHC_MAIL_IN_PORT = dovecot.port
    settings.CCHC_MAIL_IN_SECURITY = "none"
    settings.CCHC_MAIL_IN_USER = dovecot.user
    settings.CCHC_MAIL_IN_PASSWORD = dovecot.password
    settings.CCHC_MAIL_IN_PROCESSED_FOLDER = PROCESSED
    return dovecot


def imap_client(server):
    """The tests' own client: plaintext, or IMAPS trusting the stand's CA."""
    if server.tls_port:
        context = ssl.create_default_context(cafile=server.ca_file)
        client = imaplib.IMAP4_SSL("127.0.0.1", server.tls_port, ssl_context=context)
    else:
        client = imaplib.IMAP4("127.0.0.1", server.port)
    client.login(server.user, server.password)
    return client


def deliver(server, *messages):
    client = imap_client(server)
    for raw in messages:
        client.append("INBOX", "", imaplib.Time2Internaldate(timezone.now()), raw)
    client.logout()


def count(server, folder):
    client = imap_client(server)
    status = client.status(f'"{folder}"', "(MESSAGES)")[1][0].decode()
    client.logout()
    return int(status.rsplit("MESSAGES", 1)[1].strip(" )"))


def test_fetch_mail_places_each_message_and_moves_it(mailbox_settings, mail_agency):
    server = mailbox_settings
    deliver(server, eml("outlook_docx.eml"), eml("thunderbird_odt.eml"), message(sender="x@y.vn"))
    out = io.StringIO()
    call_command("fetch_mail", stdout=out)
    assert out.getvalue().strip() == "3 new (1 in quarantine), 0 already received"
    assert NewsItemPage.objects.count() == 2
    assert count(server, "INBOX") == 0 and count(server, PROCESSED) == 3
    keys = sorted(IncomingMail.objects.values_list("imap_key", flat=True))
    assert all(key.startswith(f"{server.user}:INBOX:") for key in keys)
    assert [key.rsplit(":", 1)[1] for key in keys] == ["1", "2", "3"]


def test_a_crash_between_commit_and_move_places_nothing_twice(
    mailbox_settings, mail_agency, monkeypatch
):
    server = mailbox_settings
    deliver(server, eml("thunderbird_odt.eml"))

    def killed(self, uid_list, destination_folder, chunks=None):
        raise ConnectionResetError("killed before the move")

    monkeypatch.setattr(MailBoxUnencrypted, "move", killed)
    with pytest.raises(ConnectionResetError):
        imap.fetch_mail()
    assert NewsItemPage.objects.count() == 1 and count(server, "INBOX") == 1
    monkeypatch.undo()
    assert str(imap.fetch_mail()) == "0 new (0 in quarantine), 1 already received"
    assert NewsItemPage.objects.count() == 1
    assert count(server, "INBOX") == 0 and count(server, PROCESSED) == 1


def test_the_same_message_delivered_twice_makes_one_draft(mailbox_settings, mail_agency):
    deliver(mailbox_settings, eml("thunderbird_odt.eml"), eml("thunderbird_odt.eml"))
    assert str(imap.fetch_mail()) == "1 new (0 in quarantine), 1 already received"
    assert NewsItemPage.objects.count() == 1


def test_the_scheduler_reads_the_mailbox_when_due(mailbox_settings, mail_agency):
    deliver(mailbox_settings, eml("thunderbird_odt.eml"))
    tick()
    assert NewsItemPage.objects.count() == 1
    assert JobRun.objects.get(name="mail_in").last_result.startswith("1 new")
    deliver(mailbox_settings, message())
    tick()  # read a moment ago: not due yet
    assert JobRun.objects.get(name="mail_in").last_result == "not due"
    tick(timezone.now() + timedelta(minutes=6))
    assert NewsItemPage.objects.count() == 2


def test_without_a_mailbox_nothing_is_read(settings):
    settings.CCHC_MAIL_IN_HOST = ""
    assert imap.fetch_due_mail(timezone.now()) == "not configured"
    with pytest.raises(CommandError):
        call_command("fetch_mail")


def test_an_over_size_message_is_never_fetched_whole(mailbox_settings, mail_agency, settings):
    settings.CCHC_MAIL_IN_MAX_BYTES = 5000
    deliver(mailbox_settings, eml("outlook_docx.eml"))
    assert str(imap.fetch_mail()) == "1 new (1 in quarantine), 0 already received"
    row = IncomingMail.objects.get()
    assert row.reason_code == "too_large" and row.raw is None
    assert row.subject == "Sở Tư pháp gửi tin hội nghị triển khai CCHC năm 2027"
    assert count(mailbox_settings, PROCESSED) == 1
