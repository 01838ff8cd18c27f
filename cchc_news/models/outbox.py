"""The e-mail outbox: what the portal has to send, kept in the database until it is sent.

A notice (OutboxNotice) is written in the transaction of the action that causes it: if the
action rolls back, nobody hears of it; if it commits, its e-mails are written (OutboxEmail, one
per message) and sent from the database after the commit, by a task or by the scheduler's
tick, whatever happened to the broker or the SMTP server meanwhile (cchc_news.outbox).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxRow(models.Model):
    """What both kinds of row share: when to try next, how often it was tried, the last error."""

    source = models.CharField(_("source"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["status", "next_attempt_at"])]


class OutboxNotice(OutboxRow):
    """An event whose e-mails are still to be written: `builder(**arguments)` returns them.

    Written with the action; replaced by its OutboxEmail rows, in one transaction, after the
    commit (the builder then reads the action's outcome, as the recipients will see it).
    """

    builder = models.CharField(_("builder"), max_length=200)
    arguments = models.JSONField(_("arguments"), default=dict)

    class Meta(OutboxRow.Meta):
        verbose_name = _("e-mail notice to write")
        verbose_name_plural = _("e-mail notices to write")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_notice_due")]

    def __str__(self):
        return f"{self.source or self.builder} {self.arguments}"


class OutboxEmail(OutboxRow):
    """One e-mail message, as Django's EmailMessage holds it, sent at most once."""

    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"), blank=True)
    from_email = models.CharField(_("from"), max_length=320, blank=True)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # [[content, mimetype], ...] and [[filename, base64 content, mimetype], ...]
    alternatives = models.JSONField(default=list, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta(OutboxRow.Meta):
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_email_due")]

    def __str__(self):
        return self.subject

    @property
    def recipients(self):
        return ", ".join(self.to + self.cc + self.bcc)
