"""A draft news item made from an e-mail, owned by the agency's intake editor.

A .docx attachment goes through the Word import (title, summary, body, pictures, the original
file); a PDF, .odt or .doc is attached as the original file, with the title from the subject
and the message's text as the body; without a document, the subject and the text. The draft's
history says it came by e-mail: from whom, when, with which Message-ID.
"""

import html
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection, PageSubscription

from ..models import NewsIndexPage, NewsItemPage
from ..slugs import unique_child_slug
from ..uploads.file_types import DOCX, file_extension
from ..word_import.actions import create_item_from_word

MAIL_IN_ACTION = "cchc_news.mail_in.received"
TITLE_MAX_CHARS = 255
# Reply and forward prefixes of the common clients, Vietnamese Outlook's among them.
SUBJECT_PREFIX = re.compile(r"^\s*((re|fw|fwd|tl|tr|chuyển tiếp|trả lời)\s*:\s*)+", re.IGNORECASE)


def title_from_subject(subject, sent_at=None) -> str:
    title = SUBJECT_PREFIX.sub("", subject or "").strip()
    if not title:
        when = timezone.localtime(sent_at or timezone.now()).strftime("%d/%m/%Y")
        title = gettext("News item received by e-mail on %(date)s") % {"date": when}
    return title[:TITLE_MAX_CHARS]


def body_from_text(text) -> str:
    """The message's text as rich text: a paragraph per blank-line-separated block."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]
    return "".join(
        "<p>" + "<br/>".join(html.escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks
    )


def uploaded_file(attachment):
    return SimpleUploadedFile(attachment.name, attachment.data, attachment.content_type)


def _save_document(attachment, title, collection, owner):
    document = get_document_model()(
        title=title, file=uploaded_file(attachment), collection=collection, uploaded_by_user=owner
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _draft_from_text(index, owner, parsed, attachment):
    title = title_from_subject(parsed.subject, parsed.sent_at)
    page = NewsItemPage(owner=owner, live=False, title=title, body=body_from_text(parsed.text))
    if attachment is not None:
        collection = index.agency.collection or Collection.get_first_root_node()
        page.original_file = _save_document(attachment, title, collection, owner)
    page.slug = unique_child_slug(index, title)
    index.add_child(instance=page)  # logs wagtail.create
    PageSubscription.objects.create(page=page, user=owner, comment_notifications=True)
    page.save_revision(user=owner, clean=False)
    return page


def mail_history(parsed, assigned_by=None) -> dict:
    return {
        "sender": parsed.sender,
        "sender_name": parsed.sender_name,
        "subject": parsed.subject,
        "message_id": parsed.message_id,
        "sent_at": parsed.sent_at.isoformat() if parsed.sent_at else "",
        "received_at": timezone.now().isoformat(),
        "authentication": parsed.authentication,
        "assigned_by": assigned_by.get_username() if assigned_by else "",
    }


def create_draft(agency, parsed, attachment=None, assigned_by=None):
    """The draft of `parsed` under the agency's index, owned by its intake editor.

    Raises WordImportError (and creates nothing) if a .docx attachment cannot be read.
    """
    index = agency.index_page
    owner = agency.intake_editor
    with transaction.atomic():
        # One draft at a time under an index: two at once would take the same tree position
        # or slug (PostgreSQL; SQLite has one writer anyway).
        NewsIndexPage.objects.select_for_update().filter(pk=index.pk).first()
        if attachment is not None and file_extension(attachment.name) == DOCX:
            page = create_item_from_word(index, owner, uploaded_file(attachment)).page
        else:
            page = _draft_from_text(index, owner, parsed, attachment)
        log(
            page,
            MAIL_IN_ACTION,
            user=owner,
            revision=page.latest_revision,
            data=mail_history(parsed, assigned_by),
        )
    return page
