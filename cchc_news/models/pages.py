"""The CCHC section's pages: the section home, one index per agency, news items."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..forms import CCHCPageForm, NewsItemPageForm
from ..panels import ChecklistPanel
from ..slugs import unique_child_slug
from .agencies import Agency
from .taxonomy import Campaign, Topic

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "image"]
ITEMS_PER_PAGE = 12


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = NewsItemPage.objects.descendant_of(self).for_listing()
        context["items"] = paginate(request, items)
        context["agencies"] = (
            NewsIndexPage.objects.child_of(self)
            .live()
            .select_related("agency")
            .filter(agency__active=True)
            .order_by("title")
        )
        context["topics"] = Topic.objects.all()
        return context

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
        items = NewsItemPage.objects.child_of(self).for_listing()
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
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("topic"), FieldPanel("event_date")]),
                FieldPanel("campaigns"),
                FieldPanel("author_line"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_alt")],
            heading=_("Cover image"),
        ),
        FieldPanel("original_file"),
        InlinePanel(
            "references",
            heading=_("Related official documents"),
            label=_("Official document"),
        ),
        FieldPanel("publication_reason"),
    ]
    base_form_class = NewsItemPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("agency"),
        index.FilterField("topic"),
        index.RelatedFields("agency", [index.SearchField("name")]),
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["references"] = self.references.all()
        return context


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
        FieldRowPanel([FieldPanel("number"), FieldPanel("issued_on")]),
        FieldPanel("issuer"),
        FieldPanel("title"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("related official document")
        verbose_name_plural = _("related official documents")

    def __str__(self):
        return self.number
