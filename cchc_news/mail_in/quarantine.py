"""The office's decisions on a message in quarantine: assign it to an agency (it becomes that
agency's draft, as a placed message does) or discard it. The row stays either way: it is what
keeps the message from being placed again."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ..models import IncomingMail
from ..word_import.reader import WordImportError
from . import replies
from .drafts import create_draft
from .placement import Quarantine, check_agency, document_attachment, read


class CannotAssign(Exception):
    """Why the message cannot be assigned, for the office."""


def _locked(row):
    locked = IncomingMail.objects.select_for_update().get(pk=row.pk)
    if locked.status != IncomingMail.QUARANTINED:
        raise CannotAssign(gettext("This e-mail has already been dealt with."))
    return locked


def _handled(row, user, status):
    row.status, row.handled_by, row.handled_at = status, user, timezone.now()


def _draft(row, agency, user):
    if row.raw is None:
        raise CannotAssign(gettext("The message was too large to be kept; it cannot be assigned."))
    try:
        check_agency(agency)
    except Quarantine as refusal:
        reason = IncomingMail(reason_code=refusal.code, reason_params=refusal.params).reason
        raise CannotAssign(reason) from refusal
    parsed = read(bytes(row.raw))
    # The office read it: a refused attachment is left out, the text is kept.
    attachment = document_attachment(parsed, strict=False)
    try:
        page = create_draft(agency, parsed, attachment, assigned_by=user)
    except WordImportError:
        page = create_draft(agency, parsed, None, assigned_by=user)
    return parsed, page


def assign(row, agency, user):
    """Make the quarantined message `row` a draft of `agency`; raises CannotAssign."""
    with transaction.atomic():
        row = _locked(row)
        parsed, page = _draft(row, agency, user)
        row.agency, row.page = agency, page
        _handled(row, user, IncomingMail.ASSIGNED)
        row.save()
        replies.announce_draft(row, parsed)  # no answer to an automatic message
    return row


def discard(row, user):
    """Mark the quarantined message discarded and forget its content."""
    with transaction.atomic():
        row = _locked(row)
        row.raw = None
        _handled(row, user, IncomingMail.DISCARDED)
        row.save()
    return row
