"""Sent e-mails of the subscriptions are not kept for ever; the mailings' counts are.

Each outbox e-mail of a bulletin holds the whole message (the address, the body): personal
data that the office no longer needs once it was sent (Nghị định 13/2023/NĐ-CP: kept no longer
than the purpose needs). SUBSCRIPTIONS_SENT_RETENTION_DAYS after it was sent (or failed for
good), the e-mail row is deleted and its final state moves onto its recipient row
(MailingRecipient.final_status), which the counts read when the e-mail is gone: the
subscribers, sent and failed counts of each mailing stay what they were. The confirmation
e-mails (no counts) are deleted after the same time.

The scheduler's job runs `prune` on each tick; it takes whatever is past the cut-off, so a
missed run is made up by the next, and a run repeated finds nothing left to do. Each batch is
one transaction whose rows are locked (SKIP LOCKED: two runs share the work).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from cchc_news.models import OutboxEmail
from cchc_news.models.outbox import OutboxStatus

from . import conf
from .actions import CONFIRMATION_SOURCE
from .models import MailingRecipient

BATCH = 1000
FINAL = (OutboxStatus.SENT, OutboxStatus.FAILED)


def prune(now=None):
    """Delete the e-mails finished before the retention period; returns how many."""
    days = conf.get("SUBSCRIPTIONS_SENT_RETENTION_DAYS")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    pruned = 0
    while batch := prune_batch(cutoff):
        pruned += batch
    return pruned


def finished_before(cutoff):
    """The subscriptions' e-mails sent, or failed for good, before `cutoff`."""
    ours = Q(bulletin_recipient__isnull=False) | Q(source=CONFIRMATION_SOURCE)
    return (
        OutboxEmail.objects.filter(ours, status__in=FINAL)
        .alias(finished_at=Coalesce("sent_at", "last_attempt_at", "created_at"))
        .filter(finished_at__lt=cutoff)
    )


def prune_batch(cutoff, limit=BATCH):
    """One transaction: up to `limit` e-mails' states onto their recipients, then deleted."""
    with transaction.atomic():
        rows = list(
            finished_before(cutoff)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")
            .values_list("pk", "status")[:limit]
        )
        for status in FINAL:
            ids = [pk for pk, row_status in rows if row_status == status]
            MailingRecipient.objects.filter(email_id__in=ids).update(
                final_status=status, email=None
            )
        OutboxEmail.objects.filter(pk__in=[pk for pk, _status in rows]).delete()
    return len(rows)
