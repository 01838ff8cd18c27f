"""`manage.py receive_mail < message.eml`: place one e-mail given on standard input (an MTA's
pipe delivery); the same code path as the IMAP reader (cchc_news.mail_in.placement)."""

import sys

from django.core.management.base import BaseCommand

from cchc_news.mail_in.placement import receive


class Command(BaseCommand):
    help = "Place one e-mail read from standard input as a draft or in quarantine."
    stealth_options = ("stdin",)  # call_command(stdin=...) in tests

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        row, new = receive(getattr(stdin, "buffer", stdin).read())
        state = "new" if new else "already received"
        self.stdout.write(f"{row.message_id}: {row.status} ({state})")
