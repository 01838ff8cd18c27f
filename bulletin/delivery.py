"""Delivering published bulletins to the central e-bulletin, and pinging the WebSub hub.

A transactional outbox: publishing writes a FeedDelivery row in the publishing
transaction; after commit a Celery task tries it at once, and a periodic dispatcher
(`dispatch_due`, Celery beat every minute) picks up whatever is due — retries on their
schedule, and rows whose first try never left because the broker was down. Rows are
claimed with select_for_update(skip_locked=True), so two dispatchers never send the
same row at once; a row that succeeded is never sent again unless the office resends it,
and then with the same webhook-id so that the receiver can deduplicate.
"""

import logging
import random
import time
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cchc_news import broker
from cchc_news.links import SiteRootPathsHolder, absolute_page_url, absolute_url

from . import conf
from .backends import Outcome, central_backend, get_backend
from .models import BulletinPage, FeedAttempt, FeedDelivery

logger = logging.getLogger(__name__)

JITTER = 0.1  # ±10%, so that many deliveries failing together do not retry together
DISPATCH_BATCH = 20
PAYLOAD_TYPE = "bulletin.published"
CORRECTED_TYPE = "bulletin.corrected"
# Unchanged by corrections: they are a new event type, the published document is as it was
# (bulletin/schemas/central-feed-event.schema.json describes both).
PAYLOAD_VERSION = 1


def max_attempts():
    return conf.get("CENTRAL_FEED_MAX_ATTEMPTS")


def retry_delay(attempt_number, retry_after=None):
    """Seconds before the next try after `attempt_number` failed (Retry-After wins if later)."""
    schedule = conf.get("CENTRAL_FEED_RETRY_SCHEDULE")
    base = schedule[min(attempt_number, len(schedule)) - 1]
    delay = base * random.uniform(1 - JITTER, 1 + JITTER)  # noqa: S311 (not cryptographic)
    return max(delay, retry_after or 0)


def iso(moment):
    """ISO 8601 in the site's time zone (+07:00), whatever the database returned."""
    return timezone.localtime(moment).isoformat()


# --- the JSON document of DESIGN.md ---------------------------------------------------------


def item_payload(item, holder=None):
    """`holder`: one SiteRootPathsHolder for all the items of a payload (one cache look-up)."""
    attachment = item.original_file.url if item.original_file_id else None
    return {
        "title": item.title,
        "summary": item.summary,
        "url": absolute_page_url(item, holder),
        "agency": item.agency.name if item.agency_id else "",
        "topic": item.topic.name if item.topic_id else "",
        "published_at": iso(item.first_published_at),
        "attachment_url": absolute_url(attachment) if attachment else None,
    }


def bulletin_payload(bulletin, correction=None, timestamp=None):
    """The event for `bulletin` as it now stands: its first publication, or `correction`.

    `timestamp` is when the event happened (Standard Webhooks: "not necessarily the time
    it was sent"), so a resend keeps it and a receiver keeping the latest event per
    bulletin is not misled by an old event sent again.
    """
    items = [item for _topic, entries in bulletin.sections() for item, _note in entries]
    holder = SiteRootPathsHolder()
    data = {
        "bulletin": {
            "title": bulletin.title,
            "number": bulletin.number,
            "year": bulletin.iso_year,
            "week": bulletin.iso_week,
            "period_start": iso(bulletin.period_start),
            "period_end": iso(bulletin.period_end),
            "url": absolute_page_url(bulletin, holder),
        },
        "items": [item_payload(item, holder) for item in items],
    }
    if correction is not None:
        data["correction"] = {
            "reason": correction.reason,
            "corrected_at": iso(correction.published_at),
        }
    return {
        "type": CORRECTED_TYPE if correction is not None else PAYLOAD_TYPE,
        "version": PAYLOAD_VERSION,
        "timestamp": timestamp or iso(timezone.now()),
        "data": data,
    }


# --- creating deliveries ----------------------------------------------------------------------


def new_webhook_id():
    return f"msg_{uuid.uuid4().hex}"


def record_bulletin_delivery(bulletin):
    """The central delivery of a newly published bulletin (once per bulletin)."""
    existing = FeedDelivery.objects.filter(
        bulletin=bulletin, channel=FeedDelivery.CHANNEL_CENTRAL, correction__isnull=True
    ).first()
    if existing is not None:
        return existing
    return record_central_delivery(bulletin, bulletin_payload(bulletin))


def record_correction_delivery(correction):
    """The central delivery of a published correction: its own event and webhook-id, once."""
    existing = FeedDelivery.objects.filter(correction=correction).first()
    if existing is not None:
        return existing
    bulletin = correction.bulletin
    payload = bulletin_payload(bulletin, correction, timestamp=iso(correction.published_at))
    return record_central_delivery(bulletin, payload, correction=correction)


def record_central_delivery(bulletin, payload, correction=None):
    backend = central_backend()
    delivery = FeedDelivery(
        channel=FeedDelivery.CHANNEL_CENTRAL,
        backend=backend.name,
        bulletin=bulletin,
        correction=correction,
        webhook_id=new_webhook_id(),
        target=backend.target(),
        payload=payload,
    )
    if backend.is_configured():
        delivery.next_attempt_at = timezone.now()
    else:
        delivery.status = FeedDelivery.SKIPPED
        delivery.last_error = "not configured: set CENTRAL_FEED_URL and CENTRAL_FEED_SECRET"
        logger.warning("Central feed delivery of %s skipped: not configured", bulletin)
    delivery.save()
    return delivery


def record_websub_ping(topics):
    """A hub ping for the feeds in `topics` (absolute URLs), when a hub is configured."""
    backend = get_backend("websub")
    if not backend.is_configured() or not topics:
        return None
    return FeedDelivery.objects.create(
        channel=FeedDelivery.CHANNEL_WEBSUB,
        backend=backend.name,
        webhook_id=new_webhook_id(),
        target=backend.target(),
        payload={"topics": sorted(set(topics))},
        next_attempt_at=timezone.now(),
    )


def enqueue(delivery):
    """After commit, try the delivery once; whatever does not go, the sweeper retries."""
    if delivery is None or delivery.status != FeedDelivery.PENDING:
        return
    transaction.on_commit(lambda: send_soon(delivery.pk))


def send_soon(delivery_id):
    """In the worker when there is a broker; in-process in the embedded set-up."""
    if broker.tasks_run_in_process():
        try:
            deliver_now(delivery_id)
        except Exception:
            logger.exception("Delivery %s: first try failed; the sweeper retries", delivery_id)
        return
    # By the task's name (bulletin.tasks, which imports this module). Never a long wait on a
    # hung broker (cchc_news.broker); not queued, the delivery waits for the tick's sweeper.
    if not broker.send_task("bulletin.deliver", args=(delivery_id,)):
        logger.warning("Broker unreachable: delivery %s waits for the sweeper", delivery_id)


# --- attempting -------------------------------------------------------------------------------


def attempt(delivery, now=None):
    """Try one pending delivery (the caller holds its row lock) and record the outcome."""
    now = now or timezone.now()
    backend = get_backend(delivery.backend)
    started = time.monotonic()
    try:
        outcome = backend.send(delivery)
    except Exception as error:  # a bug in a backend must not wedge the outbox
        logger.exception("Delivery %s: backend %s raised", delivery.pk, delivery.backend)
        outcome = Outcome(False, retryable=True, error=f"{type(error).__name__}: {error}"[:500])
    delivery.attempt_count += 1
    FeedAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempt_count,
        started_at=now,
        duration_ms=int((time.monotonic() - started) * 1000),
        succeeded=outcome.succeeded,
        http_status=outcome.http_status,
        response_excerpt=outcome.response_excerpt,
        error=outcome.error,
    )
    schedule_next(delivery, outcome, now)
    delivery.save()
    return outcome


def attempts_in_cycle(delivery):
    return delivery.attempt_count - delivery.attempts_before_resend


def schedule_next(delivery, outcome, now):
    if outcome.succeeded:
        delivery.status, delivery.delivered_at = FeedDelivery.SUCCEEDED, now
        delivery.next_attempt_at, delivery.last_error = None, ""
    elif outcome.retryable and attempts_in_cycle(delivery) < max_attempts():
        delay = retry_delay(attempts_in_cycle(delivery), outcome.retry_after)
        delivery.next_attempt_at = now + timedelta(seconds=delay)
        delivery.last_error = outcome.error
    else:
        delivery.status, delivery.next_attempt_at = FeedDelivery.FAILED, None
        delivery.last_error = outcome.error
        logger.error("Delivery %s failed for good: %s", delivery.pk, outcome.error)


def deliver_now(delivery_id):
    """Try one delivery if it is pending and due; skip it if another worker holds it."""
    with transaction.atomic():
        delivery = (
            FeedDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk=delivery_id, status=FeedDelivery.PENDING)
            .filter(next_attempt_at__lte=timezone.now())
            .first()
        )
        if delivery is not None:
            attempt(delivery)
        return delivery


def dispatch_due(limit=DISPATCH_BATCH):
    """Try every due delivery, each in its own transaction; returns how many were tried."""
    tried = 0
    for _ in range(limit):
        with transaction.atomic():
            delivery = (
                FeedDelivery.objects.select_for_update(skip_locked=True)
                .filter(status=FeedDelivery.PENDING, next_attempt_at__lte=timezone.now())
                .order_by("next_attempt_at", "pk")
                .first()
            )
            if delivery is None:
                break
            attempt(delivery)
            tried += 1
    return tried


def resend(delivery):
    """Send a delivery again (same webhook-id): back to pending, due now."""
    if delivery.bulletin_id and delivery.channel == FeedDelivery.CHANNEL_CENTRAL:
        delivery.payload = resent_payload(delivery)
        backend = central_backend()
        delivery.backend, delivery.target = backend.name, backend.target()
        if not backend.is_configured():
            delivery.status = FeedDelivery.SKIPPED
            delivery.save()
            return delivery
    delivery.status = FeedDelivery.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.attempts_before_resend = delivery.attempt_count
    delivery.save()
    enqueue(delivery)
    return delivery


def resent_payload(delivery):
    """The same event (type, correction, time it happened) with the bulletin as it now is."""
    bulletin = BulletinPage.objects.get(pk=delivery.bulletin_id)
    correction = delivery.correction if delivery.correction_id else None
    return bulletin_payload(bulletin, correction, timestamp=delivery.payload.get("timestamp"))


def event_type(delivery):
    """`bulletin.published`, `bulletin.corrected`, or "" for a hub ping."""
    return delivery.payload.get("type", "") if isinstance(delivery.payload, dict) else ""


def deliver_bulletin(bulletin, resend_it=False):
    """For operators: record the bulletin's central delivery if missing, and try it now.

    A row skipped because the feed was not configured then is sent like a new one; a
    delivered or failed one goes again only with `resend_it` (same webhook-id).
    """
    record = record_bulletin_delivery(bulletin)
    if resend_it or record.status == FeedDelivery.SKIPPED:
        # Outside a transaction resend's on_commit has already tried it; deliver_now below
        # then finds it not due and does not try twice.
        resend(record)
    elif record.status == FeedDelivery.PENDING:
        FeedDelivery.objects.filter(pk=record.pk).update(next_attempt_at=timezone.now())
    deliver_now(record.pk)  # only a pending row that is due
    record.refresh_from_db()
    return record
