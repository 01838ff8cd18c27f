"""How the office's mailbox is reached: over TLS verified before the login ("ssl": IMAPS,
"starttls"), or unencrypted ("none") to a server on this machine only."""

import ipaddress
import ssl

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted

from .. import conf

TLS_CLASSES = {"ssl": MailBox, "starttls": MailBoxStartTls}
LOOPBACK_NAMES = ("localhost",)


class MailboxSecurityError(Exception):
    """The mailbox is not reached: its certificate does not verify, or "none" was asked for a
    server on another machine. Nothing was read or moved; the password was not sent."""


def is_loopback(host) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def tls_context():
    """Verifies the server's certificate and host name: against CCHC_MAIL_IN_CA_FILE when set
    (an internal CA), otherwise the system's trust store. imaplib's own default (without a
    context) verifies nothing."""
    return ssl.create_default_context(cafile=conf.get("CCHC_MAIL_IN_CA_FILE") or None)


def connect(security, host, port):
    """The connection, not logged in; encrypted and verified unless security is "none"."""
    if security == "none":
        if not is_loopback(host):
            raise MailboxSecurityError(
                f'CCHC_MAIL_IN_SECURITY "none" sends the password unencrypted: refused for '
                f'{host!r}, which is not this machine. Use "ssl" or "starttls".'
            )
        return MailBoxUnencrypted(host, port)
    try:
        return TLS_CLASSES[security](host, port, ssl_context=tls_context())
    except ssl.SSLCertVerificationError as error:
        raise MailboxSecurityError(
            f"The mail server {host}:{port} ({security}) presented a certificate that does not "
            f"verify: {error.verify_message}. Nothing was read. If an internal CA signed it, "
            f"set CCHC_MAIL_IN_CA_FILE to that CA's certificate (PEM)."
        ) from error
