"""Mail in: each message received from the office's mailbox, once (cchc_news.mail_in).

One row per message, written in the transaction that made its draft or put it in quarantine:
its Message-ID (and IMAP UID, when it came over IMAP) are unique, so a message fetched twice,
or again after a crash, finds its row and makes nothing a second time.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .agencies import Agency


class IncomingMail(models.Model):
    PLACED = "placed"
    QUARANTINED = "quarantined"
    ASSIGNED = "assigned"
    DISCARDED = "discarded"
    STATUS_CHOICES = [
        (PLACED, pgettext_lazy("incoming mail", "Draft created")),
        (QUARANTINED, pgettext_lazy("incoming mail", "In quarantine")),
        (ASSIGNED, pgettext_lazy("incoming mail", "Assigned by the office")),
        (DISCARDED, pgettext_lazy("incoming mail", "Discarded")),
    ]

    message_id = models.CharField(_("Message-ID"), max_length=998, unique=True)
    # "<mailbox>:<UIDVALIDITY>:<UID>" for a message read over IMAP.
    imap_key = models.CharField(_("IMAP UID"), max_length=300, null=True, blank=True, unique=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sender = models.CharField(_("sender"), max_length=320, blank=True)
    subject = models.CharField(_("subject"), max_length=998, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES)
    # Why it is in quarantine: a code and its values, read in the reader's language
    # (cchc_news.mail_in.reasons).
    reason_code = models.CharField(_("reason"), max_length=50, blank=True)
    reason_params = models.JSONField(default=dict, blank=True)
    # {"spf": "pass", "dkim": "fail", ...} from the receiving server's Authentication-Results.
    authentication = models.JSONField(_("SPF/DKIM"), default=dict, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("draft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The whole message, kept while the office may still assign it (none when over-size).
    raw = models.BinaryField(null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("incoming e-mail")
        verbose_name_plural = _("incoming e-mails")

    def __str__(self):
        return self.subject or self.message_id

    @property
    def reason(self):
        from ..mail_in.reasons import reason_text

        return reason_text(self.reason_code, self.reason_params)
