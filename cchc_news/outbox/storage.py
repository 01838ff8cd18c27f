"""Writing e-mails and notices to the outbox, inside the caller's transaction."""

from django.utils import timezone

from ..models import OutboxEmail, OutboxNotice
from . import queueing
from .messages import email_row


def write(messages, source="", send=True):
    """Write `messages` to the outbox (one INSERT); with `send`, sent after the commit."""
    now = timezone.now()
    rows = OutboxEmail.objects.bulk_create([email_row(m, source, now) for m in messages])
    if rows and send:
        queueing.send_after_commit()
    return rows


def defer(builder, source="", **arguments):
    """Record that `builder(**arguments)` (a dotted path; it returns EmailMessages) is to write
    e-mails once the current transaction has committed; nothing is written if it rolls back."""
    notice = OutboxNotice.objects.create(
        builder=builder, arguments=arguments, source=source[:100], next_attempt_at=timezone.now()
    )
    queueing.send_after_commit()
    return notice
