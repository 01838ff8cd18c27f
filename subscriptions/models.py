"""Subscribers to the weekly bulletin and the mailings of each issue.

A subscriber row exists only while the address is waiting for confirmation or subscribed:
unsubscribing deletes it (Nghị định 13/2023/NĐ-CP, Điều 12 and 16: a withdrawn consent ends
the processing and the data is deleted), and an unconfirmed one is deleted after
SUBSCRIPTIONS_UNCONFIRMED_RETENTION_DAYS. What was sent stays countable: a recipient row keeps
its outbox e-mail, whose state (waiting, sent, failed) is the record of the send, until the
e-mail is deleted after SUBSCRIPTIONS_SENT_RETENTION_DAYS (pruning.py); its final state then
moves onto the recipient row (`final_status`). One record at a time, never two.
"""

import secrets

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bulletin.models import BulletinCorrection, BulletinPage
from cchc_news.models import Agency, OutboxEmail, Topic
from cchc_news.models.outbox import OutboxStatus

from .interests import Interests


def new_token():
    """The secret that a subscriber's links carry (32 random bytes, URL-safe)."""
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    PENDING, CONFIRMED = "pending", "confirmed"
    STATUS_CHOICES = [(PENDING, _("Waiting for confirmation")), (CONFIRMED, _("Subscribed"))]

    # Lower-cased: one row per mailbox whatever the visitor typed.
    email = models.EmailField(_("e-mail address"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # What they read (interests.py): none chosen, everything; topics and agencies, both.
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("agencies"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The per-address limit: confirmation e-mails sent since `confirmations_since`.
    confirmations_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    confirmations_since = models.DateTimeField(null=True, blank=True, editable=False)
    last_confirmation_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["status", "confirmed_at"], name="subscriber_status")]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.status == self.CONFIRMED

    def topic_ids(self):
        """The ids of the chosen topics (prefetched or not), or None for every topic."""
        return frozenset(topic.pk for topic in self.topics.all()) or None

    def interests(self):
        """The chosen topics and agencies (prefetched or not)."""
        return Interests.of(
            (topic.pk for topic in self.topics.all()),
            (agency.pk for agency in self.agencies.all()),
        )


class MailingQuerySet(models.QuerySet):
    def with_counts(self):
        """Each mailing with `recipient_count`, `sent_count`, `failed_count` (one query)."""
        return self.annotate(
            recipient_count=Count("recipients"),
            sent_count=Count("recipients", filter=ended(OutboxStatus.SENT)),
            failed_count=Count("recipients", filter=ended(OutboxStatus.FAILED)),
        )


def ended(status):
    """A mailing's recipients whose e-mail is in `status`, or was (then pruned)."""
    return Q(recipients__email__status=status) | Q(recipients__final_status=status)


class BulletinMailing(models.Model):
    """The e-mails of one event: a bulletin's first publication, or one of its corrections."""

    bulletin = models.ForeignKey(
        BulletinPage, verbose_name=_("bulletin"), on_delete=models.CASCADE, related_name="+"
    )
    correction = models.OneToOneField(
        BulletinCorrection,
        verbose_name=_("correction"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mailing",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Set once its recipients are listed (the subscribers confirmed by `created_at`).
    listed_at = models.DateTimeField(_("recipients listed"), null=True, blank=True)

    objects = MailingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bulletin mailing")
        verbose_name_plural = _("bulletin mailings")
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin"],
                condition=Q(correction__isnull=True),
                name="one_first_mailing_per_bulletin",
            )
        ]

    def __str__(self):
        return str(self.bulletin)


class MailingRecipient(models.Model):
    """One subscriber of one mailing: written to the outbox once (`email`), never twice."""

    mailing = models.ForeignKey(
        BulletinMailing, on_delete=models.CASCADE, related_name="recipients"
    )
    # Null once the subscriber has left; the row stays so that the counts stay true.
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="receipts"
    )
    email = models.OneToOneField(
        OutboxEmail, null=True, on_delete=models.SET_NULL, related_name="bulletin_recipient"
    )
    written_at = models.DateTimeField(null=True)
    # The e-mail's final state once the e-mail itself is pruned (before that: "").
    final_status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("mailing recipient")
        verbose_name_plural = _("mailing recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="one_email_per_subscriber_per_mailing"
            )
        ]
        indexes = [models.Index(fields=["mailing", "written_at"], name="recipient_to_write")]

    def __str__(self):
        return f"{self.mailing_id} → {self.subscriber_id}"
