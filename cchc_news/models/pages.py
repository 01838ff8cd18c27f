"""The CCHC section's pages: the section home, one index per agency, news items."""

from urllib.parse import urlencode

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..forms import CCHCPageForm, NewsItemPageForm
from ..panels import ChecklistPanel, PublishWithoutReviewPanel
from ..sent_back import is_sent_back
from ..signals import section_home_context
from ..slugs import unique_child_slug
from .agencies import Agency
from .taxonomy import Campaign, Topic

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "image"]
ITEMS_PER_PAGE = 12
LATEST_ON_SECTION_HOME = 9
RELATED_ITEMS = 3


class VietnameseSlugMixin:
    """Generates readable ASCII slugs from Vietnamese titles when none is given."""

    base_form_class = CCHCPageForm

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.title and self.path:
            self.slug = unique_child_slug(self.get_parent(), self.title, exclude_pk=self.pk)
        super().full_clean(*args, **kwargs)


def paginate(request, queryset, per_page=ITEMS_PER_PAGE):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class NewsItemQuerySet(PageQuerySet):
    def for_listing(self):
        """Live items with what a listing shows, in a constant number of queries."""
        return (
            self.live()
            .public()
            .select_related("agency", "topic", "cover_image")
            .order_by("-first_published_at", "-pk")
        )

    def for_cards(self):
        """`for_listing` plus the cover renditions, which cards render without a query each."""
        return self.for_listing().prefetch_related("cover_image__renditions")


class CCHCSectionPage(RoutablePageMixin, VietnameseSlugMixin, Page):
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

    @path("")
    def index_route(self, request, *args, **kwargs):
        # The home's context is built here, not in get_context, which the other routes share.
        return self.render(request, context_overrides=self.home_context(request))

    def home_context(self, request):
        """What the section home shows; a constant number of queries whatever the content."""
        # .public() reads the view restrictions once here; the querysets below reuse it.
        visible = NewsItemPage.objects.descendant_of(self).for_listing()
        context = {
            "latest_items": visible.prefetch_related("cover_image__renditions")[
                :LATEST_ON_SECTION_HOME
            ],
            # Meta.ordering does not apply to an aggregation (Django 3.1+): say it again.
            "topics": Topic.objects.annotate(
                item_count=Count("items", filter=Q(items__in=visible.values("pk")))
            )
            .filter(item_count__gt=0)
            .order_by(*Topic._meta.ordering),
            "campaigns": Campaign.objects.filter(active=True)
            .annotate(item_count=Count("items", filter=Q(items__in=visible.values("pk"))))
            .order_by(*Campaign._meta.ordering),
            "agencies": (
                NewsIndexPage.objects.child_of(self)
                .live()
                .public()
                .filter(agency__active=True)
                .select_related("agency__kind")
                .annotate(
                    item_count=Count(
                        "agency__items", filter=Q(agency__items__in=visible.values("pk"))
                    )
                )
                .order_by("agency__kind__sort_order", "agency__kind__name", "title")
            ),
        }
        # Apps built on this one (the bulletin) add their part without being imported here.
        for _receiver, extra in section_home_context.send(
            sender=type(self), section=self, request=request
        ):
            context.update(extra or {})
        return context

    def news_url(self, **filters):
        """The listing's URL, filtered by the given query parameters (empty ones dropped)."""
        url = self.url + self.reverse_subpage("news")
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
        from ..listing import render_news_listing

        return render_news_listing(self, request)

    @path("tim-kiem/", name="search")
    def search_results(self, request):
        from ..search import render_search_results

        return render_search_results(self, request)


class NewsIndexPage(VietnameseSlugMixin, Page):
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = NewsItemPage.objects.child_of(self).for_cards()
        context["items"] = paginate(request, items)
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


class NewsItemPage(VietnameseSlugMixin, Page):
    """A news item (tin, bài) written by an agency."""

    summary = models.TextField(
        _("summary (lead)"),
        help_text=_("Two or three sentences that say what happened; shown in lists and bulletins."),
    )
    body = RichTextField(_("body"), features=BODY_FEATURES)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    campaigns = ParentalManyToManyField(
        Campaign,
        verbose_name=_("campaigns"),
        blank=True,
        related_name="items",
        limit_choices_to={"active": True},
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("cover image description (alt text)"),
        max_length=255,
        blank=True,
        help_text=_("Describe what the picture shows, for readers who cannot see it."),
    )
    original_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("original file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The electronic file of the item as the agency wrote it (.docx, .doc, .pdf, .odt)."
        ),
    )
    author_line = models.CharField(
        _("author line"),
        max_length=255,
        blank=True,
        help_text=_("For example: “Nguyễn Văn A – Sở Tư pháp”."),
    )
    event_date = models.DateField(
        _("event date"),
        null=True,
        blank=True,
        help_text=_("When what the item reports took place."),
    )
    # Denormalised from the parent index so that listings and reports filter cheaply.
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="items",
    )

    objects = PageManager.from_queryset(NewsItemQuerySet)()

    content_panels = [
        ChecklistPanel(),
        # Help texts given here rather than on the model fields: Wagtail's title has none,
        # and editor guidance should change without a migration.
        TitleFieldPanel(
            "title",
            help_text=_("The headline: short and concrete, without a final full stop."),
        ),
        FieldPanel("summary"),
        FieldPanel(
            "body",
            help_text=_(
                "The full text; long items read better with headings. At most 3 A4 pages: "
                "the checklist counts them."
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel(
                            "topic",
                            help_text=_(
                                "The section of the bulletin and of the news listing "
                                "the item appears in."
                            ),
                        ),
                        FieldPanel("event_date"),
                    ]
                ),
                FieldPanel(
                    "campaigns",
                    help_text=_("The campaigns the item reports on, if any."),
                ),
                FieldPanel("author_line"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "cover_image",
                    help_text=_(
                        "Optional. A landscape photo, preferably at least 1200 pixels wide, "
                        "shown at the top of the item and in lists."
                    ),
                ),
                FieldPanel("cover_alt"),
            ],
            heading=_("Cover image"),
        ),
        FieldPanel("original_file"),
        InlinePanel(
            "references",
            heading=_("Related official documents"),
            label=_("Official document"),
        ),
        PublishWithoutReviewPanel(),
    ]
    base_form_class = NewsItemPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("agency"),
        index.FilterField("topic"),
        index.RelatedFields("agency", [index.SearchField("name")]),
        index.RelatedFields("topic", [index.SearchField("name")]),
    ]

    parent_page_types = ["cchc_news.NewsIndexPage"]
    subpage_types = []
    template = "cchc_news/news_item_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def save(self, *args, **kwargs):
        if self.path:
            parent_path = self.path[: -self.steplen]
            self.agency_id = (
                NewsIndexPage.objects.filter(path=parent_path)
                .values_list("agency_id", flat=True)
                .first()
            )
        return super().save(*args, **kwargs)

    @property
    def status_string(self):
        """Wagtail calls an item sent back for changes a "draft" ("live + draft" once live)."""
        if is_sent_back(self):
            return _("live + changes requested") if self.live else _("changes requested")
        return super().status_string

    def route(self, request, path_components):
        # Wagtail answers 404 for a page that is not live; a withdrawn item's own address
        # answers with the withdrawal notice instead (see serve_withdrawal_notice). Wagtail's
        # view restrictions still run first (before_serve_page): a private item stays private.
        if not path_components and not self.live:
            try:
                withdrawal = self.withdrawal
            except ObjectDoesNotExist:
                withdrawal = None
            if withdrawal is not None:
                return RouteResult(self, kwargs={"withdrawal": withdrawal})
        return super().route(request, path_components)

    def serve(self, request, *args, withdrawal=None, **kwargs):
        if withdrawal is not None:
            return self.serve_withdrawal_notice(request, withdrawal)
        return super().serve(request, *args, **kwargs)

    def serve_withdrawal_notice(self, request, withdrawal):
        """The public notice of a withdrawn item: its title, when, why; 410 Gone.

        410 rather than 404: the item existed and was taken down on purpose, which a reader
        following an old link (or a bulletin's PDF) is told, with the reason. Rather than
        200: search engines and feed readers drop a 410 address for good, where a 200 would
        keep a page that no longer has the item indexed; `noindex` says the same to those
        that index error pages. Browsers show a 410's page like any other. The page cache
        stores only 200 responses, so every visitor gets it from the database.
        """
        request.is_preview = False
        ancestors = list(self.get_ancestors())
        context = {
            "item": self,
            "withdrawal": withdrawal,
            "ancestors": ancestors,
            "section": ancestors[-2] if len(ancestors) >= 2 else None,
            "agency_index": ancestors[-1] if ancestors else None,
        }
        response = TemplateResponse(
            request, "cchc_news/withdrawal_notice.html", context, status=410
        )
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["references"] = self.references.all()
        context["campaigns"] = self.campaigns.all()
        # Home > section > agency index: the breadcrumbs and the agency link share them.
        context["ancestors"] = list(self.get_ancestors())
        # .public() reads the view restrictions once; the three lookups share it.
        visible = self.section_items()
        context["related_items"] = self.related_items(visible)
        context["previous_item"], context["next_item"] = self.adjacent_items(visible)
        return context

    def section_items(self):
        """Live, public items of this item's section (item → agency index → section)."""
        section_path = self.path[: (self.depth - 2) * self.steplen]
        return NewsItemPage.objects.filter(path__startswith=section_path).live().public()

    def related_items(self, visible=None):
        """Up to RELATED_ITEMS items of the same topic, newest first, in one query."""
        if self.topic_id is None:
            return []
        visible = self.section_items() if visible is None else visible
        return list(
            visible.filter(topic_id=self.topic_id)
            .exclude(pk=self.pk)
            .select_related("agency")
            .order_by("-first_published_at", "-pk")[:RELATED_ITEMS]
        )

    def adjacent_items(self, visible=None):
        """(the item published just before this one, the one just after) in the section."""
        if self.first_published_at is None:  # a preview of a never-published item
            return None, None
        visible = (self.section_items() if visible is None else visible).only(
            "title", "url_path", "path", "depth", "first_published_at"
        )
        when, pk = self.first_published_at, self.pk
        earlier = Q(first_published_at__lt=when) | Q(first_published_at=when, pk__lt=pk)
        later = Q(first_published_at__gt=when) | Q(first_published_at=when, pk__gt=pk)
        return (
            visible.filter(earlier).order_by("-first_published_at", "-pk").first(),
            visible.filter(later).order_by("first_published_at", "pk").first(),
        )


class NewsItemReference(Orderable):
    """A reference to an official document (văn bản liên quan)."""

    page = ParentalKey(NewsItemPage, on_delete=models.CASCADE, related_name="references")
    number = models.CharField(
        _("document number"), max_length=100, help_text=_("For example: 4849/BNV-CCHC.")
    )
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    title = models.CharField(_("document subject"), max_length=500, blank=True)
    url = models.URLField(_("link"), blank=True)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("number"),
                FieldPanel("issued_on", help_text=_("As written on the document.")),
            ]
        ),
        FieldPanel("issuer", help_text=_("For example: Bộ Nội vụ.")),
        FieldPanel("title", help_text=_("What the document is about (its subject line).")),
        FieldPanel("url", help_text=_("A link to the document's text, if it is online.")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("related official document")
        verbose_name_plural = _("related official documents")

    def __str__(self):
        return self.number
