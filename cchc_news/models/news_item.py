"""A news item (tin bài) of an agency, and its references to related documents."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
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
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..checklist.panels import ChecklistPanel, PublishWithoutReviewPanel
from ..forms import NewsItemPageForm
from ..generation_cache import cached_by_generation
from ..query_parameters import DeclaresQueryMixin
from ..review_state import (
    annotate_review_state,
    filter_review_state,
    is_sent_back,
    prefetch_workflow_states,
)
from .agencies import Agency
from .pages import VietnameseSlugMixin, ViewRestrictionsInOneQueryMixin, public_pages
from .taxonomy import Campaign, Topic

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "image"]
RELATED_ITEMS = 3


class NewsItemQuerySet(PageQuerySet):
    def for_listing(self, request=None):
        """Live items with what a listing shows, in a constant number of queries (with the
        request, its view restrictions are read once for all its listings)."""
        return (
            public_pages(self.live(), request)
            .select_related("agency", "topic", "cover_image")
            .order_by("-first_published_at", "-pk")
        )

    def for_cards(self, request=None):
        """`for_listing` plus the cover renditions, which cards render without a query each."""
        return self.for_listing(request).prefetch_related("cover_image__renditions")

    def annotate_review_state(self):
        """Each item with `review_state` and `review_step` (cchc_news.review_state)."""
        return annotate_review_state(self)

    def in_review_state(self, *states):
        """The items in any of `states` (ReviewState values)."""
        return filter_review_state(self, *states)

    def with_workflow_states(self):
        """Each item with its active workflow state, read by current_workflow_state."""
        return prefetch_workflow_states(self)


class NewsItemPage(ViewRestrictionsInOneQueryMixin, DeclaresQueryMixin, VietnameseSlugMixin, Page):
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
                Agency.objects.filter(index_page__path=parent_path)
                .values_list("pk", flat=True)
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
        if getattr(request, "is_preview", False):
            # A draft's references and campaigns are its own, not the live page's.
            context.update(self.shown_beside(request))
        else:
            # What the live page shows beside its fields changes only with public content.
            context.update(
                cached_by_generation(
                    f"item-beside:{self.pk}", lambda: self.shown_beside(request), request
                )
            )
        return context

    def shown_beside(self, request=None):
        """The references, campaigns, related items and the items before and after it."""
        # The view restrictions are read once (per request); the three lookups share them.
        visible = self.section_items(request)
        previous_item, next_item = self.adjacent_items(visible)
        return {
            "references": list(self.references.all()),
            "campaigns": list(self.campaigns.all()),
            "related_items": self.related_items(visible),
            "previous_item": previous_item,
            "next_item": next_item,
        }

    def section_items(self, request=None):
        """Live, public items of this item's section (item → agency index → section)."""
        section_path = self.path[: (self.depth - 2) * self.steplen]
        return public_pages(
            NewsItemPage.objects.filter(path__startswith=section_path).live(), request
        )

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
        # The bound on the date alone (implied by the OR) lets PostgreSQL start its scan of the
        # date index at this item's date: without it, it filtered the whole index (5 ms at
        # 10,000 items for the newest item's next one, EXPLAIN ANALYZE; 0.1 ms with it).
        earlier = Q(first_published_at__lte=when) & (
            Q(first_published_at__lt=when) | Q(first_published_at=when, pk__lt=pk)
        )
        later = Q(first_published_at__gte=when) & (
            Q(first_published_at__gt=when) | Q(first_published_at=when, pk__gt=pk)
        )
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
