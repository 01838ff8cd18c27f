"""A news item taken down after publication ("Gỡ tin"), and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .news_item import NewsItemPage


class Withdrawal(models.Model):
    """Present while an item stays withdrawn; removed when it is published again.

    The item's URL then shows a public notice (title, date, reason) instead of a 404.
    """

    item = models.OneToOneField(
        NewsItemPage,
        verbose_name=_("news item"),
        on_delete=models.CASCADE,
        related_name="withdrawal",
    )
    reason = models.TextField(_("reason"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")

    def __str__(self):
        return f"{self.item_id}: {self.reason[:40]}"
