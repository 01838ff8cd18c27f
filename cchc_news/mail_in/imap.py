"""Reading the office's mailbox over IMAP (imap-tools): each message is placed (placement, its
own committed transaction) and only then moved to the processed folder. A crash between the two
leaves the message in the folder; the next read finds its row by Message-ID or IMAP UID, places
nothing and moves it."""

import logging
from dataclasses import dataclass

from django.utils import timezone
from imap_tools import AND, MailMessage

from .. import conf
from ..models import JobRun
from ..scheduler import record_job, scheduled_job
from .connection import connect
from .placement import receive

logger = logging.getLogger(__name__)

MAIL_IN_JOB = "mail_in"
# The last complete read of the mailbox, by the scheduler or by fetch_mail: the job's own row
# records every tick's "not due" as a success too.
MAILBOX_READ = "mail_in_read"


class RawMailMessage(MailMessage):
    """imap-tools' message that keeps the bytes as the server sent them."""

    def __init__(self, fetch_data):
        super().__init__(fetch_data)
        self.raw = self._get_message_data_parts(fetch_data)[0]


@dataclass
class FetchSummary:
    new: int = 0
    again: int = 0
    quarantined: int = 0

    def __str__(self):
        return f"{self.new} new ({self.quarantined} in quarantine), {self.again} already received"


def is_configured() -> bool:
    return bool(conf.get("CCHC_MAIL_IN_HOST"))


def open_mailbox():
    mailbox = connect(
        conf.get("CCHC_MAIL_IN_SECURITY"),
        conf.get("CCHC_MAIL_IN_HOST"),
        conf.get("CCHC_MAIL_IN_PORT"),
    )
    mailbox.email_message_class = RawMailMessage
    return mailbox.login(
        conf.get("CCHC_MAIL_IN_USER"),
        conf.get("CCHC_MAIL_IN_PASSWORD"),
        initial_folder=conf.get("CCHC_MAIL_IN_FOLDER"),
    )


def _ensure_folder(mailbox, name):
    if not mailbox.folder.exists(name):
        mailbox.folder.create(name)


def _whole(mailbox, header):
    """The message's bytes, or only its headers when it is over CCHC_MAIL_IN_MAX_BYTES (never
    loaded whole: it goes to quarantine as over-size)."""
    if header.size_rfc822 > conf.get("CCHC_MAIL_IN_MAX_BYTES"):
        return header.raw
    return next(mailbox.fetch(AND(uid=header.uid), mark_seen=False)).raw


def _place(mailbox, header, key, summary):
    raw = _whole(mailbox, header)
    row, new = receive(raw, imap_key=key, size=max(header.size_rfc822, len(raw)))
    if new:
        summary.new += 1
        summary.quarantined += row.status == row.QUARANTINED
    else:
        summary.again += 1


def fetch_mail(limit=None) -> FetchSummary:
    """Place the folder's messages (at most `limit`, default CCHC_MAIL_IN_BATCH) and move each
    to the processed folder after its transaction committed."""
    folder = conf.get("CCHC_MAIL_IN_FOLDER")
    processed = conf.get("CCHC_MAIL_IN_PROCESSED_FOLDER")
    summary = FetchSummary()
    with open_mailbox() as mailbox:
        _ensure_folder(mailbox, processed)
        validity = mailbox.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"]
        prefix = f"{conf.get('CCHC_MAIL_IN_USER')}:{folder}:{validity}"
        batch = limit or conf.get("CCHC_MAIL_IN_BATCH")
        headers = mailbox.fetch(limit=batch, mark_seen=False, headers_only=True, bulk=True)
        for header in list(headers):
            _place(mailbox, header, f"{prefix}:{header.uid}", summary)
            mailbox.move(header.uid, processed)
    now = timezone.now()
    record_job(MAILBOX_READ, last_succeeded_at=now, last_finished_at=now, last_result=str(summary))
    return summary


def fetch_due_mail(now):
    """Read the mailbox when CCHC_MAIL_IN_INTERVAL_SECONDS have passed since the last complete
    read (a missed tick is made up by the next)."""
    if not is_configured():
        return "not configured"
    last = JobRun.objects.filter(name=MAILBOX_READ).values_list("last_succeeded_at", flat=True)
    last = last.first()
    interval = conf.get("CCHC_MAIL_IN_INTERVAL_SECONDS")
    if last is not None and (now - last).total_seconds() < interval:
        return "not due"
    return str(fetch_mail())


@scheduled_job(MAIL_IN_JOB)
def read_mailbox_when_due(now):
    """The scheduler's job (connected in cchc_news.signal_handlers)."""
    return fetch_due_mail(now)
