"""The section's data: taxonomy (agency kinds, topics, campaigns), agencies, the section's pages
(the section home, an index per agency, news items), withdrawals and the scheduler's job runs."""

from .agencies import Agency
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
    "JobRun",
    "NewsIndexPage",
    "NewsItemPage",
    "NewsItemReference",
    "Topic",
    "Withdrawal",
]
