"""The CCHC section's home (with its news listing and search routes) and the agencies' spaces."""

from urllib.parse import urlencode

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PagePermissionTester

from ..generation_cache import cached_by_generation
from ..query_parameters import DeclaresQueryMixin
from ..section_routes import render_section_route
from ..signals import section_home_context
from .agencies import Agency
from .facet_counts import facet_counts, with_counts
from .news_item import NewsItemPage
from .pages import (
    VietnameseSlugMixin,
    ViewRestrictionsInOneQueryMixin,
    paginate_cards,
    public_pages,
)
from .routing import OneQueryChildRoutingMixin, routed_page
from .taxonomy import Campaign, Topic

LATEST_ON_SECTION_HOME = 9
# The request's live section (cchc_news.templatetags.cchc_portal): the header needs it.
SECTION_ATTR = "_cchc_section"


class CCHCSectionPage(
    ViewRestrictionsInOneQueryMixin,
    DeclaresQueryMixin,
    RoutablePageMixin,
    OneQueryChildRoutingMixin,
    VietnameseSlugMixin,
    Page,
):
    """The home of the CCHC section (Chuyên mục Cải cách hành chính).

    Routes: the section home, the filterable news listing (tin-bai/) and the search
    over items and bulletins (tim-kiem/).
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1
    template = "cchc_news/cchc_section_page.html"

    class Meta:
        verbose_name = _("CCHC section")

    def route(self, request, path_components):
        # A request routed through the live section shows it in its header: the header's
        # look-up of "the live section" (max_count = 1) is this page, already read.
        if self.live and request is not None:
            setattr(request, SECTION_ATTR, self)
        return super().route(request, path_components)

    @path("")
    def index_route(self, request, *args, **kwargs):
        # The home's context is built here, not in get_context, which the other routes share.
        return self.render(request, context_overrides=self.home_context(request))

    def home_context(self, request):
        """What the section home shows; a constant number of queries whatever the content, and
        none but the generation's once it is cached for the generation of public content."""
        context = dict(
            cached_by_generation(
                f"section-home:{self.pk}", lambda: self.home_listings(request), request
            )
        )
        # The cards' renditions, in one query: made when first shown, which moves no generation.
        prefetch_related_objects(context["latest_items"], "cover_image__renditions")
        # Apps built on this one (the bulletin) add their part without being imported here.
        for _receiver, extra in section_home_context.send(
            sender=type(self), section=self, request=request
        ):
            context.update(extra or {})
        return context

    def home_listings(self, request):
        """The latest items and the facets with their counts, as lists (cached as they are)."""
        # The view restrictions are read once for the request: its listings below share them.
        visible = NewsItemPage.objects.descendant_of(self).for_listing(request)
        by_topic, by_agency, by_campaign = facet_counts(visible)
        agency_indexes = (
            public_pages(NewsIndexPage.objects.child_of(self).live(), request)
            .filter(agency__active=True)
            .select_related("agency__kind")
            .order_by("agency__kind__sort_order", "agency__kind__name", "title")
        )
        return {
            "latest_items": list(visible[:LATEST_ON_SECTION_HOME]),
            "topics": with_counts(Topic.objects.filter(pk__in=by_topic), by_topic),
            "campaigns": with_counts(Campaign.objects.filter(active=True), by_campaign),
            "agencies": with_counts(agency_indexes, by_agency, key="agency_id"),
        }

    def news_url(self, *, request=None, **filters):
        """The listing's URL, filtered by the given query parameters (empty ones dropped).

        With the request, Wagtail's look-up of the site root paths is the request's own.
        """
        url = self.get_url(request) + self.reverse_subpage("news")
        params = {name: value for name, value in filters.items() if value not in (None, "")}
        return f"{url}?{urlencode(params)}" if params else url

    def get_sitemap_urls(self, request=None):
        """The section home and its news listing, which changes when an item is published."""
        latest = (
            NewsItemPage.objects.descendant_of(self)
            .live()
            .public()
            .order_by("-last_published_at")
            .values_list("last_published_at", flat=True)
            .first()
        )
        listing = self.get_full_url(request) + self.reverse_subpage("news").lstrip("/")
        return [*super().get_sitemap_urls(request), {"location": listing, "lastmod": latest}]

    @path("tin-bai/", name="news")
    def news_listing(self, request):
        return render_section_route("news", self, request)

    @path("tim-kiem/", name="search")
    def search_results(self, request):
        return render_section_route("search", self, request)


class NewsIndexPage(ViewRestrictionsInOneQueryMixin, DeclaresQueryMixin, VietnameseSlugMixin, Page):
    """One per agency, created with the agency: its editors write items here."""

    agency = models.OneToOneField(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="index_page",
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cchc_news.CCHCSectionPage"]
    subpage_types = ["cchc_news.NewsItemPage"]
    # Created by provisioning when an agency is added, never by hand.
    is_creatable = False
    template = "cchc_news/news_index_page.html"

    class Meta:
        verbose_name = _("agency news index")

    def route(self, request, path_components):
        """An item (this index's only kind of child) is read with the agency and topic its page
        shows, in one query; Wagtail reads the bare page, then the item, then each of them."""
        if path_components:
            item = self.child_item(path_components[0], request)
            if item is not None:
                item._cached_parent_obj = self  # as Wagtail's route does: get_parent() reads it
                return item.route(request, path_components[1:])
        # This page itself, or a child of another kind (or none): Wagtail's way.
        return super().route(request, path_components)

    def child_item(self, slug, request=None):
        """The item under this index with `slug` (with its agency and topic), or None; for an
        anonymous visitor's GET, read once per generation of public content (routed_page)."""

        def read():
            return (
                NewsItemPage.objects.child_of(self)
                .filter(slug=slug)
                .select_related("agency", "topic")
                .first()
            )

        return routed_page(request, f"index-child:{self.pk}:{slug}", read)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Its agency and the agency's kind, shown in the header: public content too.
        self.agency = cached_by_generation(
            f"agency-with-kind:{self.agency_id}",
            lambda: Agency.objects.select_related("kind").get(pk=self.agency_id),
            request,
        )
        items = NewsItemPage.objects.child_of(self).for_listing(request)
        context["items"] = paginate_cards(request, items, f"agency-index-items:{self.pk}")
        return context

    def permissions_for_user(self, user):
        return AgencyIndexPermissionTester(user, self)


class AgencyIndexPermissionTester(PagePermissionTester):
    """Agency editors may add and edit items under their index but not the index itself.

    Their group's permissions are granted on the index page, so Wagtail would also let
    them rename, move or delete it; only permissions held on an ancestor (the CCHC
    office's, on the section) reach the index page itself.
    """

    def _inherited(self, action):
        if self.user.is_superuser:
            return True
        return any(
            perm.permission.codename.rsplit("_", 1)[0] == action
            and self.page.path.startswith(perm.page.path)
            and perm.page.path != self.page.path
            for perm in self.permission_policy.get_cached_permissions_for_user(self.user)
        )

    def can_edit(self):
        return self._inherited("change") and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._inherited("change") and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        return self._inherited("publish") and super().can_unpublish()

    def can_publish(self):
        return self._inherited("publish") and super().can_publish()

    def can_move(self):
        return self._inherited("change") and super().can_move()

    def can_copy(self):
        return False
