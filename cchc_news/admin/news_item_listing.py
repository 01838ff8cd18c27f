"""A flat "News items" listing in the admin, filterable by review state, topic and agency.

Wagtail's page explorer filters by owner, date and type, not by where an item stands in
review; editors asked "what is waiting, what was sent back?". The listing is Wagtail's own
PageListingViewSet, so permissions are Wagtail's: an agency's editors see their agency's
items only, the office sees all.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from ..models import Agency, NewsItemPage, Topic
from ..review_state import ReviewState, filter_review_state


class NewsItemFilterSet(PageFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Review state"),
        choices=ReviewState.choices,
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
        return filter_review_state(queryset, value)


class NewsItemListingViewSet(PageListingViewSet):
    model = NewsItemPage
    name = "news_items"
    icon = "doc-full"
    menu_label = _("News items")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = NewsItemFilterSet
