"""A flat "News items" listing in the admin, filterable by review state, topic and agency.

Wagtail's page explorer filters by owner, date and type, not by where an item stands in
review; editors asked "what is waiting, what was sent back?". The listing is Wagtail's own
PageListingViewSet, so permissions are Wagtail's: an agency's editors see their agency's
items only, the office sees all.
"""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page, WorkflowState

from ..models import Agency, NewsItemPage, Topic

STATE_CHOICES = [
    ("draft", _("Draft")),
    ("in_review", _("Awaiting review")),
    ("changes_requested", _("Changes requested")),
    ("live", _("Published")),
    ("live_with_draft", _("Published, with unpublished changes")),
]


def with_review_status(queryset):
    """Annotate each page with the status of its active workflow (None when not in review)."""
    active = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return queryset.annotate(review_status=Subquery(active.values("status")[:1]))


def filter_by_state(queryset, state):
    if state in ("live", "live_with_draft"):
        return queryset.filter(live=True, has_unpublished_changes=state == "live_with_draft")
    queryset = with_review_status(queryset)
    if state == "in_review":
        return queryset.filter(review_status=WorkflowState.STATUS_IN_PROGRESS)
    if state == "changes_requested":
        return queryset.filter(review_status=WorkflowState.STATUS_NEEDS_CHANGES)
    if state == "draft":
        return queryset.filter(live=False, review_status__isnull=True)
    return queryset


class NewsItemFilterSet(PageFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Review state"),
        choices=STATE_CHOICES,
        method="filter_state",
        empty_label=_("All"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), empty_label=_("All topics")
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), queryset=Agency.objects.all(), empty_label=_("All agencies")
    )

    class Meta:
        model = NewsItemPage
        fields = []

    def filter_state(self, queryset, name, value):
        return filter_by_state(queryset, value)


class NewsItemListingViewSet(PageListingViewSet):
    model = NewsItemPage
    name = "news_items"
    icon = "doc-full"
    menu_label = _("News items")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = NewsItemFilterSet
