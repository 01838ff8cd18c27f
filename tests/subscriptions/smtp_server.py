"""A real SMTP server for the tests (aiosmtpd, in a thread) and a transport that dies."""

import email
import email.policy
import socket
import threading
from collections import Counter

from aiosmtpd.controller import Controller
from django.core.mail.backends import smtp


class Crash(BaseException):
    """The worker killed mid-batch: not an Exception, so no `except Exception` handles it."""


class Mailbox:
    """aiosmtpd's handler: keeps every message received (parsed) under a lock."""

    def __init__(self):
        self.messages, self.lock = [], threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def count_by_recipient(self):
        with self.lock:
            return Counter(rcpt for rcpts, _message in self.messages for rcpt in rcpts)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.controller.stop()


class CrashingEmailBackend(smtp.EmailBackend):
    """Django's SMTP backend that dies (Crash) before its `crash_after`+1-th message."""

    sent = 0
    crash_after = None

    def send_messages(self, email_messages):
        cls = type(self)
        if cls.crash_after is not None and cls.sent >= cls.crash_after:
            cls.crash_after = None  # the next run (the restarted worker) goes on
            raise Crash
        count = super().send_messages(email_messages)
        cls.sent += count
        return count
