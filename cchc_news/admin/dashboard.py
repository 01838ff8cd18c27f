"""The "My agency" dashboard panel for agency editors and heads."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from ..cutoff import cutoff_explanation
from ..models import Agency, NewsItemPage
from .sent_back import STATE_RELATED, sent_back_notice

PENDING_LIMIT = 50
RECENT_LIMIT = 5

STATES = [
    ("changes_requested", _("Changes requested")),
    ("in_review", _("Awaiting review")),
    ("draft", _("Drafts")),
]


def active_workflow_states(items):
    """The in-progress or needs-changes workflow state of each item, by page id, in one query.

    Not Wagtail's prefetch_workflow_states(): on a NewsItemPage queryset (a concrete model,
    not a .specific() one) it matches the states' base content type against NewsItemPage's
    content type, finds none, and every item would look like a draft.
    """
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(item.pk) for item in items],
        )
        .select_related(*STATE_RELATED)
    )
    return {int(state.object_id): state for state in states}


def state_of(item):
    workflow_state = item.review_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return "changes_requested"
        return "in_review"
    return "draft"


def agency_overview(agencies):
    """Unpublished work grouped by state, and the latest published items."""
    items = NewsItemPage.objects.filter(agency__in=agencies).select_related("agency")
    pending = items.filter(Q(live=False) | Q(has_unpublished_changes=True)).order_by(
        "-latest_revision_created_at"
    )[:PENDING_LIMIT]
    workflow_states = active_workflow_states(pending)
    groups = {code: [] for code, _label in STATES}
    for item in pending:
        item.review_state = workflow_states.get(item.pk)
        item.sent_back = sent_back_notice(item.review_state)
        groups[state_of(item)].append(item)
    published = items.live()
    return {
        "groups": [(code, label, groups[code]) for code, label in STATES],
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
