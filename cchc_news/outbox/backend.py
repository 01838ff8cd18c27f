"""EMAIL_BACKEND = "cchc_news.outbox.backend.OutboxEmailBackend": every e-mail through the outbox.

Django's and Wagtail's own e-mails (password resets, Wagtail's workflow notices for a host's
other workflows, error reports) are then written to the database in the caller's transaction
and sent after the commit like the portal's, through CCHC_OUTBOX_TRANSPORT.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

from . import storage

logger = logging.getLogger(__name__)


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        messages = [message for message in email_messages if message.recipients()]
        if not messages:
            return 0
        try:
            return len(storage.write(messages, source="django"))
        except Exception:
            if not self.fail_silently:
                raise
            logger.exception("Could not write %s e-mail(s) to the outbox", len(messages))
            return 0
