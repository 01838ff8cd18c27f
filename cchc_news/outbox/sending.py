"""Writing the due notices' e-mails and sending the due e-mails, each exactly once.

Each row is claimed in its own transaction with SELECT ... FOR UPDATE SKIP LOCKED: a second
sender at the same moment (a task and the tick, two workers) skips it, and finds it sent once
the first one commits. An e-mail is marked sent in the transaction that sent it, so the only
way to send one twice is a crash between the SMTP server's "250 OK" and the commit. (SQLite
ignores the row lock; the embedded set-up's IMMEDIATE transactions serialise the senders.)
"""

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .. import conf
from ..models import OutboxEmail, OutboxNotice
from ..models.outbox import OutboxStatus
from .messages import email_message, email_row

logger = logging.getLogger(__name__)

OUTBOX_BACKEND = "cchc_news.outbox.backend.OutboxEmailBackend"
JITTER = 0.1
ERROR_MAX_CHARS = 2000


def transport_backend():
    """The backend that really sends: EMAIL_BACKEND, or CCHC_OUTBOX_TRANSPORT when
    EMAIL_BACKEND is the outbox itself (the portal routes Django's own e-mails through it)."""
    if settings.EMAIL_BACKEND == OUTBOX_BACKEND:
        return conf.get("CCHC_OUTBOX_TRANSPORT")
    return settings.EMAIL_BACKEND


def transport_connection():
    return get_connection(transport_backend(), fail_silently=False)


def retry_delay(attempts):
    schedule = conf.get("CCHC_OUTBOX_RETRY_SCHEDULE")
    base = schedule[min(attempts, len(schedule)) - 1]
    return base * random.uniform(1 - JITTER, 1 + JITTER)  # noqa: S311 (not cryptographic)


def claim(model, now):
    """The next due pending row of `model`, locked for this transaction; None if there is none
    (or every due one is held by another sender)."""
    return (
        model.objects.select_for_update(skip_locked=True)
        .filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .first()
    )


def record_failure(row, error, now):
    """Count the attempt and keep the error; try again after a back-off, or give up."""
    row.attempts += 1
    row.last_attempt_at = now
    row.last_error = f"{type(error).__name__}: {error}"[:ERROR_MAX_CHARS]
    if row.attempts >= conf.get("CCHC_OUTBOX_MAX_ATTEMPTS"):
        row.status, row.next_attempt_at = OutboxStatus.FAILED, None
    else:
        row.next_attempt_at = now + timedelta(seconds=retry_delay(row.attempts))
    row.save(
        update_fields=["attempts", "last_attempt_at", "last_error", "status", "next_attempt_at"]
    )


def build(notice, now):
    """Replace `notice` by the e-mails its builder writes (none if it no longer applies)."""
    try:
        with transaction.atomic():
            messages = import_string(notice.builder)(**notice.arguments)
            OutboxEmail.objects.bulk_create([email_row(m, notice.source, now) for m in messages])
            notice.delete()
    except Exception as error:  # a bug or a vanished object: kept, retried, then failed
        logger.exception("Could not write the e-mails of %s", notice)
        record_failure(notice, error, now)
        return 0
    return len(messages)


def send(email, connection, now):
    """Send `email` (claimed) through `connection`; mark it sent, or record the failure."""
    try:
        connection.open()  # once per batch: a no-op while the connection is open
        connection.send_messages([email_message(email, connection)])
    except Exception as error:  # SMTP refused, unreachable, timed out: kept for the next try
        logger.exception("Could not e-mail %s (%s): %s", email.recipients, email.source, error)
        connection.close()
        record_failure(email, error, now)
        return False
    email.status, email.sent_at, email.last_attempt_at = OutboxStatus.SENT, now, now
    email.attempts += 1
    email.next_attempt_at, email.last_error = None, ""
    email.save(
        update_fields=[
            "status",
            "sent_at",
            "last_attempt_at",
            "attempts",
            "next_attempt_at",
            "last_error",
        ]
    )
    return True


def build_due(limit, at=None):
    written = 0
    for _ in range(limit):
        with transaction.atomic():
            now = at or timezone.now()
            notice = claim(OutboxNotice, now)
            if notice is None:
                break
            written += build(notice, now)
    return written


def send_due(limit, at=None):
    sent = failed = 0
    connection = transport_connection()
    try:
        for _ in range(limit):
            with transaction.atomic():
                now = at or timezone.now()
                email = claim(OutboxEmail, now)
                if email is None:
                    break
                if not send(email, connection, now):
                    # Most failures are the server's (down, refusing): the others wait for
                    # the next tick rather than each waiting for EMAIL_TIMEOUT now.
                    failed += 1
                    break
                sent += 1
    finally:
        connection.close()
    return sent, failed


def flush(limit=None, at=None):
    """Write the due notices' e-mails, then send the due e-mails; returns a summary.

    `at` stands for the current time (tests: "after the back-off"); the tick does not pass
    its own `now`, which may be a made-up one, since rows are due by the real clock."""
    limit = limit or conf.get("CCHC_OUTBOX_BATCH")
    written = build_due(limit, at)
    sent, failed = send_due(limit, at)
    return f"{written} written, {sent} sent, {failed} failed"
