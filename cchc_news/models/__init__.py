"""The section's data: taxonomy (agency kinds, topics, campaigns), agencies, the section's pages
(the section home, an index per agency, news items), withdrawals, the scheduler's job runs and
the measured facts of uploaded documents, the Department's identity (a site setting), the
generation of public content (read by the page cache), the e-mail outbox and the incoming
e-mails (mail in)."""

from .agencies import Agency
from .content_generation import ContentChange
from .document_facts import DocumentFacts
from .identity import DepartmentIdentity
from .jobs import JobRun
from .mail_in import IncomingMail
from .news_item import NewsItemPage, NewsItemReference
from .outbox import OutboxEmail, OutboxNotice
from .section import CCHCSectionPage, NewsIndexPage
from .taxonomy import AgencyKind, Campaign, Topic
from .withdrawal import Withdrawal

__all__ = [
    "Agency",
    "AgencyKind",
    "CCHCSectionPage",
    "Campaign",
    "ContentChange",
    "DepartmentIdentity",
    "DocumentFacts",
    "IncomingMail",
    "JobRun",
    "NewsIndexPage",
    "NewsItemPage",
    "NewsItemReference",
    "OutboxEmail",
    "OutboxNotice",
    "Topic",
    "Withdrawal",
]
