"""The weekly CCHC bulletin: its archive, the bulletins and which item is in which."""

from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cchc_news.models import NewsItemPage

from .forms import BulletinPageForm


class BulletinEntryBlock(blocks.StructBlock):
    item = blocks.PageChooserBlock(page_type="cchc_news.NewsItemPage", label=_("news item"))
    note = blocks.TextBlock(
        required=False,
        label=_("editor's note"),
        help_text=_("Optional; shown under the item in the bulletin."),
    )

    class Meta:
        icon = "doc-full"
        label = _("entry")


def topic_order(topic):
    """Topics in their admin order; items without a topic last."""
    return (0, topic.sort_order, topic.name) if topic else (1, 0, "")


class BulletinIndexPage(Page):
    """The archive of bulletins (Bản tin CCHC), by year."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cchc_news.CCHCSectionPage"]
    subpage_types = ["bulletin.BulletinPage"]
    max_count = 1
    template = "bulletin/bulletin_index_page.html"

    class Meta:
        verbose_name = _("bulletin archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        bulletins = (
            BulletinPage.objects.child_of(self).live().public().order_by("-iso_year", "-number")
        )
        years = {}
        for bulletin in bulletins:
            years.setdefault(bulletin.iso_year, []).append(bulletin)
        context["years"] = sorted(years.items(), reverse=True)
        return context


class BulletinPage(RoutablePageMixin, Page):
    """One weekly bulletin: the items approved in one week, grouped by topic."""

    number = models.PositiveIntegerField(_("number"), help_text=_("Issue number within the year."))
    iso_year = models.PositiveIntegerField(_("ISO year"))
    iso_week = models.PositiveIntegerField(_("ISO week"))
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end (cut-off)"))
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    entries = StreamField(
        [("entry", BulletinEntryBlock())],
        blank=True,
        verbose_name=_("entries"),
        help_text=_("The items of this bulletin; they are grouped by topic when shown."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("number"), FieldPanel("iso_year"), FieldPanel("iso_week")]
                ),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Issue"),
        ),
        FieldPanel("intro"),
        FieldPanel("entries"),
    ]
    base_form_class = BulletinPageForm
    parent_page_types = ["bulletin.BulletinIndexPage"]
    subpage_types = []
    template = "bulletin/bulletin_page.html"

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        constraints = [
            models.UniqueConstraint(
                fields=["iso_year", "iso_week"], name="one_bulletin_per_iso_week"
            ),
            models.UniqueConstraint(fields=["iso_year", "number"], name="unique_bulletin_number"),
        ]

    def entry_values(self):
        """The entries as stored ({"item": id, "note": text}), without loading the items."""
        return [entry["value"] for entry in self.entries.raw_data if entry.get("value")]

    def item_ids(self):
        return [value["item"] for value in self.entry_values() if value.get("item")]

    def sections(self):
        """[(topic, [(item, note), ...]), ...] in one query whatever the number of items."""
        values = self.entry_values()
        items = (
            NewsItemPage.objects.filter(pk__in=[value.get("item") for value in values])
            .live()
            .public()
            .select_related("agency", "topic", "original_file")
            .in_bulk()
        )
        grouped = {}
        for value in values:
            item = items.get(value.get("item"))
            if item is not None:
                grouped.setdefault(item.topic, []).append((item, value.get("note", "")))
        return sorted(grouped.items(), key=lambda pair: topic_order(pair[0]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from .pdf import pdf_filename, render_pdf

        content = render_pdf(self, request.build_absolute_uri("/"))
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{pdf_filename(self)}"'
        return response


class BulletinMembership(models.Model):
    """Which bulletin an item is in: at most one, enforced by the database."""

    item = models.OneToOneField(
        NewsItemPage, on_delete=models.CASCADE, related_name="bulletin_membership"
    )
    bulletin = models.ForeignKey(BulletinPage, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        verbose_name = _("bulletin membership")
        verbose_name_plural = _("bulletin memberships")

    def __str__(self):
        return f"{self.item_id} → {self.bulletin_id}"
