"""Reading the mailbox over TLS on a real Dovecot with a throwaway CA (dovecot_stand, tls=True):
IMAPS and STARTTLS work when the CA is trusted; a certificate that does not verify stops the read
before the login, visibly, and leaves the mail in the inbox; the password never travels
unencrypted unless CCHC_MAIL_IN_SECURITY says "none", and then only to this machine."""

import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc_news.mail_in import imap
from cchc_news.mail_in.connection import MailboxSecurityError
from cchc_news.models import IncomingMail, JobRun, NewsItemPage
from cchc_news.scheduler import tick

from .conftest import eml
from .dovecot_stand import run_dovecot
from .test_imap import PROCESSED, count, deliver

pytestmark = pytest.mark.django_db

TRANSPORTS = {"ssl": "tls_port", "starttls": "port"}


@pytest.fixture
def tls_dovecot():
    yield from run_dovecot(tls=True)


@pytest.fixture
def plain_dovecot():
    yield from run_dovecot()


def configure(settings, server, security, host="127.0.0.1", ca_file=None):
    settings.CCHC_MAIL_IN_HOST = host
    settings.CCHC_MAIL_IN_PORT = getattr(server, TRANSPORTS.get(security, "port"))
    settings.CCHC_MAIL_IN_SECURITY = security
    settings.CCHC_MAIL_IN_CA_FILE = server.ca_file if ca_file is None else ca_file
    settings.CCHC_MAIL_IN_USER = server.user
    settings.CCHC_MAIL_IN_PASSWORD = server.password
    settings.CCHC_MAIL_IN_PROCESSED_FOLDER = PROCESSED


def logins(server):
    return [line for line in server.log().splitlines() if "imap-login: Info: Login:" in line]


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_fetch_mail_over_tls_when_the_ca_is_trusted(security, settings, tls_dovecot, mail_agency):
    configure(settings, tls_dovecot, security)
    deliver(tls_dovecot, eml("thunderbird_odt.eml"))
    before = len(logins(tls_dovecot))
    assert str(imap.fetch_mail()) == "1 new (0 in quarantine), 0 already received"
    assert NewsItemPage.objects.count() == 1
    assert count(tls_dovecot, "INBOX") == 0 and count(tls_dovecot, PROCESSED) == 1
    ours = logins(tls_dovecot)[before]
    assert f"user=<{tls_dovecot.user}>" in ours and ", TLS," in ours


UNVERIFIED = {
    # The system's trust store does not know the throwaway CA.
    "unknown CA": {"ca_file": ""},
    # The certificate names 127.0.0.1 only.
    "wrong host name": {"host": "localhost"},
}


@pytest.mark.parametrize("security", ["ssl", "starttls"])
@pytest.mark.parametrize("case", UNVERIFIED)
def test_a_certificate_that_does_not_verify_stops_the_read_visibly(
    case, security, settings, tls_dovecot, mail_agency, caplog
):
    configure(settings, tls_dovecot, security, **UNVERIFIED[case])
    deliver(tls_dovecot, eml("thunderbird_odt.eml"))
    before = len(logins(tls_dovecot))
    with caplog.at_level(logging.ERROR, logger="cchc_news.scheduler"):
        tick()
    job = JobRun.objects.get(name="mail_in")
    assert job.last_result.startswith("MailboxSecurityError: The mail server")
    assert "does not verify" in job.last_result and "CCHC_MAIL_IN_CA_FILE" in job.last_result
    assert "CERTIFICATE_VERIFY_FAILED" in job.last_error
    assert "Scheduled job mail_in failed" in caplog.text
    assert not JobRun.objects.filter(name="mail_in_read", last_succeeded_at__isnull=False)
    with pytest.raises(CommandError, match="does not verify"):
        call_command("fetch_mail")
    # Stopped before the login; the message waits in the inbox, nothing placed.
    assert len(logins(tls_dovecot)) == before
    assert count(tls_dovecot, "INBOX") == 1
    assert not IncomingMail.objects.exists() and not NewsItemPage.objects.exists()


def test_starttls_refused_by_the_server_sends_no_password(settings, plain_dovecot, mail_agency):
    configure(settings, plain_dovecot, "starttls", ca_file="")
    deliver(plain_dovecot, eml("thunderbird_odt.eml"))
    before = len(logins(plain_dovecot))
    with pytest.raises(Exception, match="TLS not supported by server"):
        imap.fetch_mail()
    assert len(logins(plain_dovecot)) == before
    assert count(plain_dovecot, "INBOX") == 1


def test_none_works_on_this_machine(settings, plain_dovecot, mail_agency):
    configure(settings, plain_dovecot, "none", ca_file="")
    deliver(plain_dovecot, eml("thunderbird_odt.eml"))
    assert str(imap.fetch_mail()) == "1 new (0 in quarantine), 0 already received"


def test_none_is_refused_for_another_machine_before_connecting(settings, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("connected")

    monkeypatch.setattr("socket.create_connection", no_network)
    settings.CCHC_MAIL_IN_HOST = "imap.sonoivu.example.gov.vn"
    settings.CCHC_MAIL_IN_SECURITY = "none"
    settings.CCHC_MAIL_IN_PORT = 143
    with pytest.raises(MailboxSecurityError, match="unencrypted"):
        imap.fetch_mail()
