"""Placing one received message, exactly once: as a draft of the agency that registered its
sender, or in quarantine with the reason.

The IncomingMail row (unique Message-ID and IMAP UID) is written in the transaction that makes
the draft: a message received twice, or again after a crash before its IMAP move, finds its row
and makes nothing; of two processes placing it at once, the second waits on the row's unique
Message-ID until the first commits, then finds its row.
"""

from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .. import conf
from ..models import Agency, IncomingMail
from ..uploads.documents import validate_document_file
from ..uploads.file_types import ALLOWED_FILE_TYPES, allowed_types_text, file_extension
from ..uploads.refusals import megabytes
from ..word_import.reader import WordImportError
from . import replies
from .drafts import create_draft, uploaded_file
from .parse import parse_headers, parse_mail

# Which document of several becomes the item: a Word file carries the most.
DOCUMENT_PREFERENCE = ("docx", "pdf", "odt", "doc")


class Quarantine(Exception):
    """The message cannot be placed: `code` and `params` say why (mail_in.reasons)."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code, self.params = code, params


def own_addresses():
    addresses = [parseaddr(settings.DEFAULT_FROM_EMAIL)[1], parseaddr(settings.SERVER_EMAIL)[1]]
    addresses.append(conf.get("CCHC_MAIL_IN_USER"))
    return tuple(address.lower() for address in addresses if address and "@" in address)


def read(raw, size=None):
    if (size or len(raw)) > conf.get("CCHC_MAIL_IN_MAX_BYTES"):
        return parse_headers(raw)
    return parse_mail(raw, own_addresses(), conf.get("CCHC_MAIL_IN_AUTHSERV_ID"))


def check_message(parsed, size):
    """Raises Quarantine for what no agency may receive as it is."""
    if size > conf.get("CCHC_MAIL_IN_MAX_BYTES"):
        raise Quarantine(
            "too_large",
            size=megabytes(size),
            limit=megabytes(conf.get("CCHC_MAIL_IN_MAX_BYTES")),
        )
    if parsed.automatic:
        kind, header = parsed.automatic
        raise Quarantine(kind, **({"header": header} if header else {}))
    if parsed.authentication_failed:
        results = ", ".join(f"{key}={value}" for key, value in parsed.authentication.items())
        raise Quarantine("authentication_failed", results=results)


def sender_agency(parsed):
    agencies = Agency.objects.with_sender(parsed.sender)
    if not agencies:
        raise Quarantine("unknown_sender", sender=parsed.sender or "?")
    if len(agencies) > 1:
        names = ", ".join(agency.name for agency in agencies)
        raise Quarantine("several_agencies", sender=parsed.sender, agencies=names)
    return agencies[0]


def check_agency(agency):
    if not agency.active:
        raise Quarantine("inactive_agency", agency=agency.name)
    if agency.intake_editor_id is None:
        raise Quarantine("no_intake_editor", agency=agency.name)


def _checked(attachment):
    extension = file_extension(attachment.name)
    if extension not in ALLOWED_FILE_TYPES:
        raise Quarantine(
            "refused_attachment",
            name=attachment.name or "?",
            type=attachment.content_type,
            types=allowed_types_text(),
        )
    try:
        validate_document_file(uploaded_file(attachment))  # size, zip bomb, content vs name
    except ValidationError as error:
        raise Quarantine(
            "attachment_unreadable", name=attachment.name, detail=" ".join(error.messages)
        ) from error
    return attachment


def document_attachment(parsed, strict=True):
    """The attachment that becomes the original file, or None. Pictures are left out (logos of
    signatures, photos). With `strict`, any other refused file raises Quarantine; without
    (the office assigned the message), refused files are left out."""
    documents = []
    for attachment in parsed.attachments:
        if attachment.is_image:
            continue
        try:
            documents.append(_checked(attachment))
        except Quarantine:
            if strict:
                raise
    documents.sort(key=lambda a: DOCUMENT_PREFERENCE.index(file_extension(a.name)))
    return documents[0] if documents else None


def place(parsed, size):
    """(agency, page) of the message's draft; raises Quarantine if it cannot be made."""
    check_message(parsed, size)
    agency = sender_agency(parsed)
    check_agency(agency)
    attachment = document_attachment(parsed)
    try:
        return agency, create_draft(agency, parsed, attachment)
    except WordImportError as error:
        raise Quarantine(
            "attachment_unreadable", name=attachment.name, detail=error.message
        ) from error


def _row(parsed, raw, imap_key, size):
    return IncomingMail(
        message_id=parsed.message_id,
        imap_key=imap_key,
        sender=parsed.sender[:320],
        subject=parsed.subject[:998],
        sent_at=parsed.sent_at,
        authentication=parsed.authentication,
        raw=raw if size <= conf.get("CCHC_MAIL_IN_MAX_BYTES") else None,
    )


def recorded(parsed, imap_key):
    """The row of a message already received (by Message-ID, or by IMAP UID), or None."""
    found = IncomingMail.objects.filter(message_id=parsed.message_id).first()
    if found is None and imap_key:
        found = IncomingMail.objects.filter(imap_key=imap_key).first()
    return found


def _place_new(parsed, raw, imap_key, size, announce):
    row = _row(parsed, raw, imap_key, size)
    # Claimed first: a second placer of this message waits on the unique Message-ID until
    # this transaction ends, then fails and returns this row.
    row.status = IncomingMail.QUARANTINED
    row.save()
    try:
        with transaction.atomic():
            row.agency, row.page = place(parsed, size)
            row.status = IncomingMail.PLACED
    except Quarantine as quarantine:
        row.reason_code, row.reason_params = quarantine.code, quarantine.params
    row.save()
    if row.status == IncomingMail.PLACED and announce:
        replies.announce_draft(row, parsed)
    return row


def receive(raw: bytes, imap_key=None, size=None, announce=True):
    """Place the message `raw` once; returns its IncomingMail row (and whether it is new).

    Everything (draft, row, e-mails in the outbox) is committed together or not at all.
    `size`: the message's size when `raw` holds only its headers (IMAP, an over-size message).
    `announce`: answer the sender and tell the agency's editors (not for the demo's messages).
    """
    size = size or len(raw)
    parsed = read(raw, size)
    try:
        with transaction.atomic():
            existing = recorded(parsed, imap_key)
            if existing is not None:
                return existing, False
            return _place_new(parsed, raw, imap_key, size, announce), True
    except IntegrityError:  # placed at the same moment by another process: theirs stands
        existing = recorded(parsed, imap_key)
        if existing is None:
            raise
        return existing, False
