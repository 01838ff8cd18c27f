"""The subscriptions' settings, each with its default: a host sets only what it changes."""

from django.conf import settings

DEFAULTS = {
    # How long a confirmation link works, in seconds (two days: a weekend's delay).
    "SUBSCRIPTIONS_CONFIRMATION_MAX_AGE": 2 * 24 * 3600,
    # Confirmation e-mails one address may receive per day (asked again, it gets no more).
    "SUBSCRIPTIONS_CONFIRMATIONS_PER_ADDRESS": 3,
    # Subscription requests one client address may make per hour (many offices share one).
    "SUBSCRIPTIONS_REQUESTS_PER_CLIENT": 20,
    # Unconfirmed addresses are deleted this many days after their last confirmation e-mail
    # (Nghị định 13/2023/NĐ-CP: kept no longer than the purpose needs).
    "SUBSCRIPTIONS_UNCONFIRMED_RETENTION_DAYS": 7,
    # Sent (or failed) e-mails are deleted this many days after; the counts stay (pruning.py).
    "SUBSCRIPTIONS_SENT_RETENTION_DAYS": 90,
    # The mailbox of the mailto: unsubscribe in List-Unsubscribe, beside the one-click URL
    # (RFC 2369); "" : the URL alone. What reads that mailbox is the host's business.
    "SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO": "",
    # Recipients written to the outbox per transaction (one mailing's batch).
    "SUBSCRIPTIONS_BATCH": 200,
    # The callable that gives a request's client address (the host's proxy rules); "" reads
    # REMOTE_ADDR. The portal uses its lock-out's (portal.lockouts.handler.client_address).
    "SUBSCRIPTIONS_CLIENT_ADDRESS": "",
    # Where the e-mails say they come from ("" : DEFAULT_FROM_EMAIL).
    "SUBSCRIPTIONS_FROM_EMAIL": "",
}


def get(name):
    """The host's setting `name`, or its default (a name not in DEFAULTS is a KeyError)."""
    return getattr(settings, name, DEFAULTS[name])
