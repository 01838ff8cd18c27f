"""Corrections of an issued bulletin ("Đính chính").

An issued bulletin changes only through a correction. The office or the leadership opens
one with a reason, which unlocks the page editor for them (`BulletinPage.get_lock`); they
edit the intro or the entries and publish. That publication completes the correction: it
is dated, written in the page history, and sent to the central e-bulletin as a
`bulletin.corrected` event with a webhook-id of its own. Cancelling it puts the published
content back as the latest revision, so nothing half-edited waits for the next one.

Withdrawing a news item ("Gỡ tin") corrects the issued bulletin that held it at once, in
the withdrawing transaction, through the same completion.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.log_actions import log

from . import delivery
from .models import BulletinCorrection, BulletinMembership, BulletinPage, FeedDelivery
from .signals import bulletin_issued

OPEN_ACTION = "bulletin.correction.open"
CANCEL_ACTION = "bulletin.correction.cancel"
PUBLISH_ACTION = "bulletin.correction.publish"

# The correction a publication in progress completes, when it is not the open one (an
# automatic correction goes out while the office's own may stay open).
_being_published = ContextVar("bulletin_correction_being_published", default=None)


class CorrectionRefused(Exception):
    """A correction that cannot be opened or cancelled; the message is for the user."""


def locked(bulletin):
    """The bulletin's row, locked until the end of the transaction."""
    return BulletinPage.objects.select_for_update().get(pk=bulletin.pk)


# --- opening and cancelling ----------------------------------------------------------------


def open_correction(bulletin, reason, user):
    """Open a correction of an issued bulletin; refused without a reason or if one is open."""
    reason = (reason or "").strip()
    if not reason:
        raise CorrectionRefused(_("Give the reason for the correction."))
    with transaction.atomic():
        bulletin = locked(bulletin)
        refuse_to_open(bulletin)
        discard_draft(bulletin, user)
        try:
            with transaction.atomic():
                correction = BulletinCorrection.objects.create(
                    bulletin=bulletin, reason=reason, opened_by=user
                )
        except IntegrityError:  # opened by someone else a moment ago (the one-open constraint)
            current = bulletin.open_correction()
            raise CorrectionRefused(already_open_message(bulletin, current)) from None
        log(bulletin, OPEN_ACTION, user=user, data=log_data(correction))
    return correction


def refuse_to_open(bulletin):
    if not bulletin.is_issued():
        raise CorrectionRefused(
            _("“%(title)s” has not been issued yet: it is edited directly, without a correction.")
            % {"title": bulletin.title}
        )
    current = bulletin.open_correction()
    if current is not None:
        raise CorrectionRefused(already_open_message(bulletin, current))


def already_open_message(bulletin, correction):
    return _("“%(title)s” is already being corrected (reason: %(reason)s).") % {
        "title": bulletin.title,
        "reason": correction.reason if correction else "",
    }


def cancel_correction(bulletin, user):
    """Cancel the open correction: the published bulletin stays as it is."""
    with transaction.atomic():
        bulletin = locked(bulletin)
        correction = bulletin.open_correction()
        if correction is None:
            raise CorrectionRefused(
                _("“%(title)s” has no correction in progress.") % {"title": bulletin.title}
            )
        correction.cancelled_at = timezone.now()
        correction.save(update_fields=["cancelled_at"])
        discard_draft(bulletin, user)
        log(bulletin, CANCEL_ACTION, user=user, data=log_data(correction))
    return correction


def discard_draft(bulletin, user):
    """Make the published content the latest revision again, so the editor starts from it."""
    live_id = bulletin.live_revision_id
    if live_id is None or bulletin.latest_revision_id == live_id:
        return
    bulletin.live_revision.as_object().save_revision(user=user, changed=False, clean=False)
    BulletinPage.objects.filter(pk=bulletin.pk).update(has_unpublished_changes=False)


def log_data(correction):
    return {"correction": correction.pk, "reason": correction.reason}


# --- completing: each publication of a bulletin ---------------------------------------------


def record_publication(bulletin, revision=None):
    """The central delivery that this publication of `bulletin` makes, or None.

    The first publication makes the `bulletin.published` event; a publication with a
    correction pending completes it and makes its `bulletin.corrected` event; any other
    re-publication (the editor forbids it; a revert or a script might not) sends nothing.
    Each of the first two also sends `bulletin.signals.bulletin_issued` (the subscribers'
    e-mails).
    """
    correction = correction_being_published(bulletin)
    if correction is not None:
        outcome = complete_correction(bulletin, correction, revision.user if revision else None)
        bulletin_issued.send(sender=BulletinPage, bulletin=bulletin, correction=correction)
        return outcome
    first = FeedDelivery.objects.filter(
        bulletin=bulletin, channel=FeedDelivery.CHANNEL_CENTRAL, correction__isnull=True
    )
    if first.exists():
        return None
    outcome = delivery.record_bulletin_delivery(bulletin)
    bulletin_issued.send(sender=BulletinPage, bulletin=bulletin, correction=None)
    return outcome


def correction_being_published(bulletin):
    pending = _being_published.get()
    if pending is not None and pending.bulletin_id == bulletin.pk:
        return pending
    return bulletin.open_correction()


def complete_correction(bulletin, correction, user):
    """Date the correction, write it in the history and record its delivery."""
    correction.published_at = timezone.now()
    correction.published_by = user
    correction.save(update_fields=["published_at", "published_by"])
    correction.bulletin = bulletin  # as just published, not as last read
    log(bulletin, PUBLISH_ACTION, user=user, data=log_data(correction))
    return delivery.record_correction_delivery(correction)


@contextmanager
def publishing(correction):
    token = _being_published.set(correction)
    try:
        yield
    finally:
        _being_published.reset(token)


def publish_correction(bulletin, reason, user, change):
    """Apply `change` to the published content of `bulletin` and publish it as a correction.

    For corrections made by the system (a withdrawn item), at once and by whoever caused
    them, without the editor's permissions. A correction the office has open stays open:
    its draft gets the same change on top, so their work in progress is neither published
    half done nor lost, and they publish it later as a correction of its own.
    """
    bulletin = locked(bulletin)
    draft = None
    if bulletin.latest_revision_id != bulletin.live_revision_id:
        draft = bulletin.get_latest_revision_as_object()
    live = bulletin.live_revision.as_object()
    change(live)
    # Created already dated, so never "open" in the database: the office's own correction,
    # if any, keeps its place under the one-open-correction constraint.
    correction = BulletinCorrection.objects.create(
        bulletin=bulletin, reason=reason, opened_by=user, published_at=timezone.now()
    )
    with publishing(correction):
        revision = live.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)
    if draft is not None:
        change(draft)
        draft.save_revision(user=user, log_action=True)
    correction.refresh_from_db()
    return correction


# --- withdrawal of a news item ("Gỡ tin") ----------------------------------------------------


def withdrawal_reason(item, reason):
    """The correction's reason, written in the site's language whoever withdrew the item."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Withdrawn item “%(title)s”: %(reason)s") % {
            "title": item.title,
            "reason": (reason or "").strip(),
        }


def without_item(item_id):
    """A change that removes the entry of `item_id` from a bulletin."""

    def change(page):
        raw_data = page.entries.raw_data
        kept = [raw for raw in raw_data if (raw.get("value") or {}).get("item") != item_id]
        page.entries = StreamValue(page.entries.stream_block, kept, is_lazy=True)

    return change


def bulletins_holding(item):
    """The bulletin the item is in, and any draft bulletin that lists it."""
    in_bulletin = BulletinMembership.objects.filter(item_id=item.pk).values("bulletin_id")
    candidates = BulletinPage.objects.filter(
        Q(pk__in=in_bulletin) | Q(first_published_at__isnull=True)
    ).order_by("pk")
    return list(candidates)


def correct_withdrawn_item(item, reason, user=None):
    """Take a withdrawn item out of every bulletin: a published correction if it was issued.

    The receiver of `cchc_news.signals.item_withdrawn`, so it runs in the withdrawing
    transaction. Returns the correction made, or None (an unissued draft loses its entry
    without one; a bulletin no longer live is only changed in its draft).
    """
    correction = None
    drop = without_item(item.pk)
    for bulletin in bulletins_holding(item):
        if bulletin.is_issued() and bulletin.live and item.pk in bulletin.item_ids():
            text = withdrawal_reason(item, reason)
            correction = publish_correction(bulletin, text, user, drop)
            continue
        draft = bulletin.get_latest_revision_as_object()
        if item.pk in draft.item_ids():
            drop(draft)
            draft.save_revision(user=user, log_action=True, clean=False)
    return correction
