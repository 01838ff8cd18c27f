from .agencies import Agency
from .jobs import JobRun
from .pages import (
    CCHCSectionPage,
    NewsIndexPage,
    NewsItemPage,
    NewsItemReference,
)
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
