"""The section's data: taxonomy (agency kinds, topics, campaigns), agencies, the section's pages
(the section home, an index per agency, news items), withdrawals, the scheduler's job runs and
the e-mail outbox."""

from .agencies import Agency
from .jobs import JobRun
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
    "JobRun",
    "NewsIndexPage",
    "NewsItemPage",
    "NewsItemReference",
    "OutboxEmail",
    "OutboxNotice",
    "Topic",
    "Withdrawal",
]
