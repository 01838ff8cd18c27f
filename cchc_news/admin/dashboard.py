"""The "My agency" dashboard panel for agency editors and heads."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from ..cutoff import cutoff_explanation
from ..models import Agency, NewsItemPage
from ..review_state import ReviewState, sent_back_notice

PENDING_LIMIT = 50
RECENT_LIMIT = 5

# The panel's groups of unpublished work: (code, heading, the review states it holds, shown
# when empty). A published item with changes nobody submitted is among the drafts; the rarer
# states have a group only when an item is in them.
ONLY_WHEN_ANY = [ReviewState.SCHEDULED, ReviewState.WITHDRAWN, ReviewState.EXPIRED]
GROUPS = [
    ("changes_requested", _("Changes requested"), [ReviewState.CHANGES_REQUESTED], True),
    ("in_review", _("Awaiting review"), [ReviewState.IN_REVIEW], True),
    ("draft", _("Drafts"), [ReviewState.DRAFT, ReviewState.LIVE_WITH_DRAFT], True),
    *((state.value, state.label, [state], False) for state in ONLY_WHEN_ANY),
]
GROUP_OF = {state: code for code, _label, states, _shown in GROUPS for state in states}


def agency_overview(agencies):
    """Unpublished work grouped by review state, and the latest published items."""
    items = NewsItemPage.objects.filter(agency__in=agencies).select_related("agency")
    pending = (
        items.in_review_state(*GROUP_OF)
        .with_workflow_states()
        .order_by("-latest_revision_created_at")[:PENDING_LIMIT]
    )
    members = {code: [] for code in GROUP_OF.values()}
    for item in pending:
        item.sent_back = sent_back_notice(item.current_workflow_state)
        members[GROUP_OF[item.review_state]].append(item)
    published = items.live()
    return {
        "groups": [
            (code, label, members[code])
            for code, label, _states, shown_when_empty in GROUPS
            if members[code] or shown_when_empty
        ],
        "published_count": published.count(),
        "recent": published.order_by("-last_published_at")[:RECENT_LIMIT],
    }


class MyAgencyPanel(Component):
    name = "my_agency"
    order = 50
    template_name = "cchc_news/dashboard/my_agency_panel.html"

    def __init__(self, agencies):
        self.agencies = agencies

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(agency_overview(self.agencies))
        context["agencies"] = self.agencies
        context["cutoff"] = cutoff_explanation()
        context["add_parent"] = self.agencies[0].index_page if len(self.agencies) == 1 else None
        return context


def my_agency_panel(user):
    agencies = list(Agency.for_user(user).select_related("index_page"))
    return MyAgencyPanel(agencies) if agencies else None
