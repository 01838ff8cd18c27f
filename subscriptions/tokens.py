"""The signed links of the e-mails.

The confirmation link carries the subscriber's secret signed with a timestamp
(django.core.signing.TimestampSigner, keyed by SECRET_KEY), so it stops working after
SUBSCRIPTIONS_CONFIRMATION_MAX_AGE without any row to expire. The unsubscribe link carries
the secret alone: it must keep working in every bulletin ever sent, and it can only remove
the address it was sent to.
"""

from django.core import signing

from . import conf

CONFIRMATION_SALT = "subscriptions.confirmation"


class InvalidLink(Exception):
    """A confirmation link that is forged, damaged or expired."""


def confirmation_token(subscriber):
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign(subscriber.token)


def subscriber_token_of(confirmation):
    """The subscriber's secret in `confirmation`; InvalidLink if forged or expired."""
    max_age = conf.get("SUBSCRIPTIONS_CONFIRMATION_MAX_AGE")
    try:
        return signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign(confirmation, max_age)
    except signing.SignatureExpired as error:
        raise InvalidLink("expired") from error
    except signing.BadSignature as error:
        raise InvalidLink("bad signature") from error
