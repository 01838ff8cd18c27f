"""The weekly CCHC bulletin: its archive, the bulletins and which item is in which."""

from django.conf import settings
from django.db import models
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cchc_news.generation_cache import cached_by_generation
from cchc_news.models import NewsItemPage
from cchc_news.models.pages import ViewRestrictionsInOneQueryMixin, public_pages
from cchc_news.models.routing import OneQueryChildRoutingMixin
from cchc_news.query_parameters import DeclaresQueryMixin
from cchc_news.safe_forms import SafeTextPageForm

from .archive_listing import by_year
from .delivery_errors import explain_error
from .entry_references import BulletinEntriesBlock
from .forms import BulletinPageForm
from .loaded_items import lent_items
from .locks import ArchivePermissionTester, BulletinPermissionTester, lock_for_bulletin
from .page_sections import shown_bulletin
from .signals import bulletin_page_asides


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


def page_asides(page, request):
    """The templates that apps built on the bulletin add to `page` (bulletin_page_asides)."""
    responses = bulletin_page_asides.send(sender=type(page), page=page, request=request)
    return [name for _receiver, names in responses for name in names or ()]


def topic_order(topic):
    """Topics in their admin order; items without a topic last."""
    return (0, topic.sort_order, topic.name) if topic else (1, 0, "")


class BulletinIndexPage(
    ViewRestrictionsInOneQueryMixin, DeclaresQueryMixin, OneQueryChildRoutingMixin, Page
):
    """The archive of bulletins (Bản tin CCHC), by year."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = SafeTextPageForm
    parent_page_types = ["cchc_news.CCHCSectionPage"]
    subpage_types = ["bulletin.BulletinPage"]
    max_count = 1
    template = "bulletin/bulletin_index_page.html"

    class Meta:
        verbose_name = _("bulletin archive")

    def permissions_for_user(self, user):
        return ArchivePermissionTester(user, self)

    def holds_issued_bulletins(self):
        return BulletinPage.objects.child_of(self).filter(first_published_at__isnull=False).exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["years"], context["latest"] = cached_by_generation(
            f"bulletin-archive:{self.pk}", lambda: self.bulletins_by_year(request), request
        )
        context["asides"] = page_asides(self, request)
        return context

    def bulletins_by_year(self, request):
        bulletins = public_pages(BulletinPage.objects.child_of(self).live(), request)
        bulletins = list(bulletins.order_by("-iso_year", "-number"))
        return by_year(bulletins, live_item_counts(bulletins, request))


def live_item_counts(bulletins, request=None):
    """{bulletin pk: number of its items still live and public}, in one query for all (with the
    request, its view restrictions as read once for it)."""
    ids = {bulletin.pk: bulletin.item_ids() for bulletin in bulletins}
    wanted = {item_id for item_ids in ids.values() for item_id in item_ids}
    live = (
        set(
            public_pages(NewsItemPage.objects.filter(pk__in=wanted).live(), request).values_list(
                "pk", flat=True
            )
        )
        if wanted
        else set()
    )
    return {pk: sum(1 for item_id in item_ids if item_id in live) for pk, item_ids in ids.items()}


class BulletinPage(ViewRestrictionsInOneQueryMixin, DeclaresQueryMixin, RoutablePageMixin, Page):
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
        BulletinEntriesBlock([("entry", BulletinEntryBlock())]),
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
    # Found by its own title and intro, and by what its items say (the section's search).
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("contents_for_search"),
    ]

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        constraints = [
            models.UniqueConstraint(
                fields=["iso_year", "iso_week"], name="one_bulletin_per_iso_week"
            ),
            models.UniqueConstraint(fields=["iso_year", "number"], name="unique_bulletin_number"),
        ]

    def memberships_elsewhere(self, item_ids):
        """The memberships of these items in other bulletins (an item is in one at most)."""
        return BulletinMembership.objects.filter(item_id__in=item_ids).exclude(bulletin_id=self.pk)

    def is_issued(self):
        """Published at least once: its content is then changed only by a correction."""
        return self.first_published_at is not None

    def open_correction(self):
        """The correction being prepared (opened with a reason, not yet published), or None."""
        return self.corrections.filter(published_at__isnull=True, cancelled_at__isnull=True).first()

    def get_lock(self):
        """Issued, it is read-only for everyone but its correctors during a correction."""
        return lock_for_bulletin(self, super().get_lock())

    def permissions_for_user(self, user):
        return BulletinPermissionTester(user, self)

    def published_corrections(self):
        """The corrections that went out, in order: the bulletin and its PDF list them."""
        return self.corrections.filter(published_at__isnull=False).order_by("published_at", "pk")

    def entry_values(self):
        """The entries as stored ({"item": id, "note": text}), without loading the items."""
        return [entry["value"] for entry in self.entries.raw_data if entry.get("value")]

    def item_ids(self):
        return [value["item"] for value in self.entry_values() if value.get("item")]

    def contents_for_search(self):
        """The titles and summaries of its live items and the notes on them, to index."""
        items = NewsItemPage.objects.filter(pk__in=self.item_ids()).live().public()
        texts = [f"{title}. {summary}" for title, summary in items.values_list("title", "summary")]
        texts += [value["note"] for value in self.entry_values() if value.get("note")]
        return "\n".join(texts)

    def sections(self, request=None):
        """[(topic, [(item, note), ...]), ...] in one query whatever the number of items (with
        the request, its view restrictions as read once for it)."""
        values = self.entry_values()
        item_ids = [value.get("item") for value in values]
        items = lent_items(item_ids) or (
            public_pages(NewsItemPage.objects.filter(pk__in=item_ids).live(), request)
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
        # Read when the template asks: to visitors, the page's body that shows them is
        # rendered once per generation ({% shared_include %}), and then they are not.
        shown = SimpleLazyObject(lambda: self.shown_bulletin(request))
        context["sections"] = SimpleLazyObject(lambda: shown.sections)
        context["corrections"] = SimpleLazyObject(lambda: shown.corrections)
        context["asides"] = page_asides(self, request)
        return context

    def shown_bulletin(self, request):
        """The sections and the published corrections, as the page shows them."""
        return shown_bulletin(self, request)

    def shown_sections(self, request):
        return self.shown_bulletin(request).sections

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


class BulletinCorrection(models.Model):
    """A change to an issued bulletin ("Đính chính"): why, by whom, and when it went out.

    Opened with a required reason (which unlocks the bulletin in the editor for the office
    and the leadership); publishing the bulletin then completes it, shows "Đính chính ngày …"
    with the reason on the bulletin and its PDF, and sends a `bulletin.corrected` event.
    """

    bulletin = models.ForeignKey(
        BulletinPage,
        verbose_name=_("bulletin"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "pk"]
        verbose_name = _("bulletin correction")
        verbose_name_plural = _("bulletin corrections")
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin"],
                condition=models.Q(published_at__isnull=True, cancelled_at__isnull=True),
                name="one_open_correction_per_bulletin",
            )
        ]

    def __str__(self):
        return f"{self.bulletin_id}: {self.reason[:40]}"


class FeedDelivery(models.Model):
    """One message to an outside system, kept until it is delivered (a transactional outbox).

    The central e-bulletin gets one row per published bulletin; a WebSub hub gets one per
    published page's feeds. The retry schedule lives here (`next_attempt_at`), not in
    Celery countdowns, which Redis redelivers past its visibility timeout.
    """

    CHANNEL_CENTRAL = "central"
    CHANNEL_WEBSUB = "websub"
    CHANNEL_CHOICES = [
        (CHANNEL_CENTRAL, _("Central e-bulletin")),
        (CHANNEL_WEBSUB, _("WebSub hub")),
    ]
    PENDING, SUCCEEDED, FAILED, SKIPPED = "pending", "succeeded", "failed", "skipped"
    STATUS_CHOICES = [
        (PENDING, _("pending")),
        (SUCCEEDED, _("succeeded")),
        (FAILED, _("failed")),
        (SKIPPED, _("skipped")),
    ]

    channel = models.CharField(_("channel"), max_length=16, choices=CHANNEL_CHOICES)
    backend = models.CharField(_("backend"), max_length=200)  # a name or a dotted path
    bulletin = models.ForeignKey(
        BulletinPage,
        verbose_name=_("bulletin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    # Set on the delivery of a correction (`bulletin.corrected`); empty on the first one.
    correction = models.OneToOneField(
        BulletinCorrection,
        verbose_name=_("correction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delivery",
    )
    webhook_id = models.CharField(_("webhook id"), max_length=64, unique=True)
    target = models.CharField(_("target"), max_length=500, blank=True)
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default=PENDING, db_index=True
    )
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    # Attempts made before the last resend: each resend gets a full retry schedule.
    attempts_before_resend = models.PositiveIntegerField(default=0, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feed delivery")
        verbose_name_plural = _("feed deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        subject = self.bulletin.title if self.bulletin_id else self.target
        return f"{self.get_channel_display()}: {subject}"

    def get_last_error_display(self):
        """The last error as the office reads it (the admin's inspect view uses this)."""
        return explain_error(self.last_error)


class FeedAttempt(models.Model):
    """One try of a delivery, as the office reads it in the log."""

    delivery = models.ForeignKey(FeedDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("time"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    http_status = models.PositiveIntegerField(_("HTTP status"), null=True, blank=True)
    response_excerpt = models.TextField(_("response"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self):
        return f"#{self.number} {self.http_status or self.error[:40]}"
