"""Each issued bulletin (and each correction) to every confirmed subscriber, once.

1. `record_mailing`, in the publishing transaction (bulletin.signals.bulletin_issued): one
   BulletinMailing per event, unique, so a second publication records none.
2. After the commit, the worker (`subscriptions.send_mailings`) or else the scheduler's tick
   runs `send_due`: it lists the mailing's recipients (the subscribers confirmed when it was
   recorded; one transaction, unique per subscriber), then writes them to the e-mail outbox
   in batches, each batch in one transaction with its recipients' `email` set, then sends the
   outbox (cchc_news.outbox.sending, one e-mail per transaction, marked sent when sent).

A crash anywhere leaves committed work behind and the rest to do: the next run lists nobody
twice (the unique constraint), writes only the recipients without an e-mail (claimed with
SKIP LOCKED, so two runs at once share the work) and sends only the outbox's pending rows.
"""

import logging
from collections import defaultdict

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cchc_news import broker
from cchc_news.outbox import sending, storage

from . import conf
from .emails import BulletinEmail
from .interests import Interests
from .models import BulletinMailing, MailingRecipient, Subscriber

logger = logging.getLogger(__name__)

SEND_TASK = "subscriptions.send_mailings"  # subscriptions.tasks


def source_of(mailing):
    return f"subscriptions.bulletin:{mailing.bulletin_id}"[:100]


def record_mailing(bulletin, correction=None):
    """The mailing of this event (created once), sent after the commit."""
    if not (bulletin.live and bulletin.get_view_restrictions().count() == 0):
        return None
    mailing, created = BulletinMailing.objects.get_or_create(
        bulletin=bulletin, correction=correction
    )
    if created:
        transaction.on_commit(send_soon)
    return mailing


def send_soon():
    if broker.tasks_run_in_process():
        try:
            send_due()
        except Exception:  # the rows are kept: the tick sends them
            logger.exception("Sending the bulletin to its subscribers failed")
        return
    broker.send_task(SEND_TASK)


def list_recipients(mailing_id):
    """Create the recipient rows of the mailing, once; returns how many it has."""
    with transaction.atomic():
        mailing = BulletinMailing.objects.select_for_update().get(pk=mailing_id)
        if mailing.listed_at is None:
            MailingRecipient.objects.bulk_create(
                [MailingRecipient(mailing=mailing, subscriber_id=pk) for pk in readers(mailing)],
                batch_size=1000,
                ignore_conflicts=True,
            )
            mailing.listed_at = timezone.now()
            mailing.save(update_fields=["listed_at"])
    return MailingRecipient.objects.filter(mailing_id=mailing_id).count()


def readers(mailing):
    """The subscribers confirmed when the mailing was recorded whose choice of topics and
    agencies matches one of its entries (interests.py); three queries of ids."""
    confirmed = Subscriber.objects.filter(
        status=Subscriber.CONFIRMED, confirmed_at__lte=mailing.created_at
    )
    topics, agencies = defaultdict(set), defaultdict(set)
    for through, field, chosen in (
        (Subscriber.topics.through, "topic_id", topics),
        (Subscriber.agencies.through, "agency_id", agencies),
    ):
        rows = through.objects.filter(subscriber__in=confirmed).values_list("subscriber_id", field)
        for subscriber_id, chosen_id in rows:
            chosen[subscriber_id].add(chosen_id)
    pairs = entry_pairs(mailing.bulletin)
    return [
        pk
        for pk in confirmed.values_list("pk", flat=True)
        if Interests.of(topics[pk], agencies[pk]).wants_any(pairs)
    ]


def entry_pairs(bulletin):
    """The (topic id, agency id) of each of the bulletin's entries."""
    return {
        (topic.pk if topic else None, entry[0].agency_id)
        for topic, entries in bulletin.sections()
        for entry in entries
    }


def write_batch(mailing, limit):
    """Write up to `limit` of the mailing's unwritten recipients to the outbox; how many."""
    with transaction.atomic():
        recipients = list(
            MailingRecipient.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(mailing=mailing, written_at__isnull=True, subscriber__isnull=False)
            .select_related("subscriber")
            .prefetch_related("subscriber__topics", "subscriber__agencies")
            .order_by("pk")[:limit]
        )
        if not recipients:
            return 0
        email = BulletinEmail(mailing)
        messages = [email.message_for(recipient.subscriber) for recipient in recipients]
        rows = storage.write(messages, source=source_of(mailing), send=False)
        now = timezone.now()
        for recipient, row in zip(recipients, rows, strict=True):
            recipient.email, recipient.written_at = row, now
        MailingRecipient.objects.bulk_update(recipients, ["email", "written_at"])
    return len(recipients)


def open_mailings():
    """The mailings with recipients to list or to write, oldest first."""
    unwritten = MailingRecipient.objects.filter(
        mailing=OuterRef("pk"), written_at__isnull=True, subscriber__isnull=False
    )
    return (
        BulletinMailing.objects.filter(Q(listed_at__isnull=True) | Exists(unwritten))
        .order_by("created_at", "pk")
        .select_related("bulletin", "correction")
    )


def write_due(limit=None):
    """List and write every open mailing's recipients, batch by batch; how many written."""
    limit = limit or conf.get("SUBSCRIPTIONS_BATCH")
    written = 0
    for mailing in open_mailings():
        list_recipients(mailing.pk)
        while batch := write_batch(mailing, limit):
            written += batch
    return written


def send_outbox():
    """Send the outbox until nothing is due or the SMTP server fails; (sent, failed)."""
    sent = failed = 0
    while True:
        batch_sent, batch_failed = sending.send_due(conf.get("SUBSCRIPTIONS_BATCH"))
        sent, failed = sent + batch_sent, failed + batch_failed
        if not batch_sent or batch_failed:
            return sent, failed


def send_due():
    """The job of the worker and of the tick: write what is due, then send it."""
    written = write_due()
    sent, failed = send_outbox()
    return f"{written} written, {sent} sent, {failed} failed"
