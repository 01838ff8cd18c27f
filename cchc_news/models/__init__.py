"""The section's data: taxonomy (agency kinds, topics, campaigns), agencies, the section's pages
(the section home, an index per agency, news items), withdrawals, the scheduler's job runs and
the measured facts of uploaded documents."""

from .agencies import Agency
from .document_facts import DocumentFacts
from .jobs import JobRun
from .news_item import NewsItemPage, NewsItemReference
from .section import CCHCSectionPage, NewsIndexPage
from .taxonomy import AgencyKind, Campaign, Topic
from .withdrawal import Withdrawal

__all__ = [
    "Agency",
    "AgencyKind",
    "CCHCSectionPage",
    "Campaign",
    "DocumentFacts",
    "JobRun",
    "NewsIndexPage",
    "NewsItemPage",
    "NewsItemReference",
    "Topic",
    "Withdrawal",
]
