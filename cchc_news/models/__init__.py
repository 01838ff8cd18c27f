from .agencies import Agency
from .pages import (
    CCHCSectionPage,
    NewsIndexPage,
    NewsItemPage,
    NewsItemReference,
)
from .taxonomy import AgencyKind, Campaign, Topic

__all__ = [
    "Agency",
    "AgencyKind",
    "CCHCSectionPage",
    "Campaign",
    "NewsIndexPage",
    "NewsItemPage",
    "NewsItemReference",
    "Topic",
]
