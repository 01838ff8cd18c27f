"""An EmailMessage as an OutboxEmail row, and back."""

import base64
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils import timezone

from ..models import OutboxEmail


def attachment_fields(attachment):
    """[filename, base64 content, mimetype] of a tuple or MIME attachment."""
    if isinstance(attachment, MIMEBase):
        content = attachment.get_payload(decode=True) or b""
        return [
            attachment.get_filename() or "",
            base64.b64encode(content).decode(),
            attachment.get_content_type(),
        ]
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return [filename or "", base64.b64encode(content).decode(), mimetype or ""]


def email_row(message, source="", now=None):
    """An unsaved OutboxEmail holding `message` (an EmailMessage or EmailMultiAlternatives)."""
    now = now or timezone.now()
    return OutboxEmail(
        source=source[:100],
        next_attempt_at=now,
        created_at=now,
        subject=message.subject,
        body=message.body,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers=dict(message.extra_headers),
        alternatives=[list(pair) for pair in getattr(message, "alternatives", [])],
        attachments=[attachment_fields(attachment) for attachment in message.attachments],
    )


def email_message(row, connection=None):
    """The message that `row` holds, on `connection`: an EmailMessage, or an
    EmailMultiAlternatives when it has alternative parts (an HTML version)."""
    message_class = EmailMultiAlternatives if row.alternatives else EmailMessage
    message = message_class(
        row.subject,
        row.body,
        row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers=row.headers,
        connection=connection,
    )
    for content, mimetype in row.alternatives:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in row.attachments:
        message.attach(filename or None, base64.b64decode(content), mimetype or None)
    return message
