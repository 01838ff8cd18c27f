"""An e-mail backend whose SMTP server always fails, for the notification tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    """Raises as smtplib does when the server refuses; counts the attempts."""

    attempts = 0

    def send_messages(self, email_messages):
        type(self).attempts += 1
        raise smtplib.SMTPException("421 Service not available, closing transmission channel")
