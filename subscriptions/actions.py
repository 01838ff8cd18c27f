"""What a visitor does: subscribe, confirm, change the choice, unsubscribe; and the
retention of addresses.

Views, the scheduler's job and tests call these; each is one transaction.
"""

import enum
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cchc_news.models import OutboxEmail
from cchc_news.models.outbox import OutboxStatus
from cchc_news.outbox import storage

from . import conf, emails, limits, tokens
from .models import MailingRecipient, Subscriber

CONFIRMATION_SOURCE = "subscriptions.confirmation"


class Subscribed(enum.Enum):
    """What a subscription request did. The visitor is told the same for the first three:
    whether an address is subscribed is not told to whoever types it."""

    CONFIRMATION_SENT = "sent"
    ALREADY_SUBSCRIBED = "already"
    ADDRESS_LIMITED = "address-limited"
    CLIENT_LIMITED = "client-limited"


def normalise(email):
    return email.strip().lower()


def subscribe(email, client=None, now=None, topics=(), agencies=()):
    """Ask for `email` to be subscribed: one confirmation e-mail, within the limits.

    `client`: the request's client address; `topics`, `agencies`: only these (interests.py),
    kept until the confirmation; `now` stands for the current time (tests)."""
    if not limits.client_may_request(client):
        return Subscribed.CLIENT_LIMITED
    with transaction.atomic():
        subscriber = locked_subscriber(normalise(email))
        if subscriber.is_confirmed:
            return Subscribed.ALREADY_SUBSCRIBED
        allowed = limits.address_may_receive(subscriber, now)
        subscriber.save()
        subscriber.topics.set(topics)
        subscriber.agencies.set(agencies)
        if not allowed:
            return Subscribed.ADDRESS_LIMITED
        storage.write([emails.confirmation_email(subscriber)], source=CONFIRMATION_SOURCE)
    return Subscribed.CONFIRMATION_SENT


def locked_subscriber(email):
    """The row of `email`, created if new, locked until the end of the transaction."""
    try:
        with transaction.atomic():
            Subscriber.objects.get_or_create(email=email)
    except IntegrityError:  # created by a request at the same moment: it is there now
        pass
    return Subscriber.objects.select_for_update().get(email=email)


def confirm(confirmation, now=None):
    """Confirm the subscription of the link `confirmation`; tokens.InvalidLink if it is
    forged or expired or its address was deleted meanwhile."""
    token = tokens.subscriber_token_of(confirmation)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
        if subscriber is None:
            raise tokens.InvalidLink("no such subscriber")
        if not subscriber.is_confirmed:
            subscriber.status = Subscriber.CONFIRMED
            subscriber.confirmed_at = now or timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def subscriber_of(token):
    """The subscriber whose links carry `token`, or None (unsubscribed, or never was)."""
    return Subscriber.objects.filter(token=token).prefetch_related("topics", "agencies").first()


def change_interests(token, topics=(), agencies=()):
    """Set the topics and agencies of the subscriber of `token`; None if there is none."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
        if subscriber is not None:
            subscriber.topics.set(topics)
            subscriber.agencies.set(agencies)
    return subscriber


def unsubscribe(token):
    """Delete the subscriber of `token` and every e-mail not yet sent to them.

    Returns whether there was one (a second click finds none and is not an error)."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
        if subscriber is None:
            return False
        # Not written yet, or written and waiting; not the sent ones, even once pruned.
        unsent = list(
            MailingRecipient.objects.filter(subscriber=subscriber)
            .filter(Q(written_at__isnull=True) | Q(email__status=OutboxStatus.PENDING))
            .values_list("pk", flat=True)
        )
        OutboxEmail.objects.filter(
            bulletin_recipient__in=unsent, status=OutboxStatus.PENDING
        ).delete()
        MailingRecipient.objects.filter(pk__in=unsent).delete()
        subscriber.delete()
    return True


def delete_unconfirmed(now=None):
    """Delete the addresses never confirmed within the retention period; returns how many."""
    now = now or timezone.now()
    days = conf.get("SUBSCRIPTIONS_UNCONFIRMED_RETENTION_DAYS")
    expired = Subscriber.objects.filter(
        status=Subscriber.PENDING, last_confirmation_at__lt=now - timedelta(days=days)
    )
    deleted, _per_model = expired.delete()
    return deleted
