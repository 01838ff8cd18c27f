"""`manage.py fetch_mail`: read the office's mailbox over IMAP now (cchc_news.mail_in.imap)."""

from django.core.management.base import BaseCommand, CommandError

from cchc_news.mail_in.connection import MailboxSecurityError
from cchc_news.mail_in.imap import fetch_mail, is_configured


class Command(BaseCommand):
    help = "Read the office's mailbox now: each new e-mail becomes a draft or goes to quarantine."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="at most N messages")

    def handle(self, *args, limit=None, **options):
        if not is_configured():
            raise CommandError("CCHC_MAIL_IN_HOST is not set: there is no mailbox to read.")
        try:
            summary = fetch_mail(limit)
        except MailboxSecurityError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(summary))
