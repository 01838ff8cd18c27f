"""What was measured of a document's file, once per file: the checklist reads it on every
render instead of opening the file (cchc_news.uploads.stored_facts measures and keeps it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentFacts(models.Model):
    """The facts of the file a Wagtail document holds; they belong to that file only (its
    storage name and hash), so a document whose file was replaced is measured again."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="cchc_facts",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_hash = models.CharField(_("file hash"), max_length=40, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    kind = models.CharField(_("document type"), max_length=8, blank=True)
    pdf_pages = models.PositiveIntegerField(_("PDF pages"), null=True, blank=True)
    docx_chars = models.PositiveIntegerField(_(".docx characters"), null=True, blank=True)
    # Why the content cannot be read, as a code and its values (cchc_news.uploads.refusals),
    # so that each editor reads the reason in their own language.
    unreadable_code = models.CharField(_("refusal"), max_length=40, blank=True)
    unreadable_params = models.JSONField(_("refusal values"), default=dict, blank=True)
    measured_at = models.DateTimeField(_("measured at"), auto_now=True)

    class Meta:
        verbose_name = _("document facts")
        verbose_name_plural = _("document facts")

    def __str__(self):
        return self.file_name
