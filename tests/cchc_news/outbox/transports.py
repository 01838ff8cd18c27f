"""Stand-ins for the SMTP server (outside the product) and a broken e-mail builder."""

import threading

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class GatedEmailBackend(BaseEmailBackend):
    """An SMTP server that answers only once `release` is set; `entered` says a send began."""

    entered = threading.Event()
    release = threading.Event()

    def send_messages(self, email_messages):
        type(self).entered.set()
        if not type(self).release.wait(timeout=60):
            raise TimeoutError("the test never released the server")
        mail.outbox.extend(email_messages)
        return len(email_messages)


def broken_builder(**arguments):
    raise LookupError(f"the item {arguments} is gone")


def one_email(to):
    return [mail.EmailMessage("Hello", "Body", to=[to])]
