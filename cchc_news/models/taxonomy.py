"""Data an administrator edits: agency kinds, topics and campaigns."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..slugs import vietnamese_slugify


class SlugFromNameMixin(models.Model):
    """Fills `slug` from `name` when left blank, transliterating Vietnamese."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vietnamese_slugify(self.name)
        super().save(*args, **kwargs)


class AgencyKind(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("agency kind")
        verbose_name_plural = _("agency kinds")

    def __str__(self):
        return self.name


class Topic(SlugFromNameMixin, models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Used in web addresses; filled in from the name when left blank."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class Campaign(SlugFromNameMixin, models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Used in web addresses; filled in from the name when left blank."),
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Only active campaigns are offered to editors."),
    )

    class Meta:
        ordering = ["-active", "-start_date", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="campaign_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name
