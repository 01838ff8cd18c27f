"""Agencies (cơ quan, đơn vị) that contribute news."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from .taxonomy import AgencyKind


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def with_sender(self, address):
        """The agencies that registered `address` (case-insensitive) as a sender."""
        address = address.strip().lower()
        if not address:
            return []
        candidates = self.filter(mail_senders__icontains=address)
        return [agency for agency in candidates if address in agency.sender_addresses()]


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        help_text=_("As shown in lists and bulletins, e.g. “Sở Tư pháp”."),
    )
    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_(
            "A short unique identifier in Latin letters, e.g. “stp”. "
            "It names the agency's groups and its web address and cannot be changed later."
        ),
    )
    kind = models.ForeignKey(
        AgencyKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Editors of an inactive agency can no longer write or edit items."),
    )
    # Mail in (cchc_news.mail_in): who may send items by e-mail, and who owns their drafts.
    mail_senders = models.TextField(
        _("registered sender addresses"),
        blank=True,
        help_text=_(
            "The e-mail addresses from which the agency sends news items to the office's "
            "mailbox, one per line; each message from them becomes a draft of the agency."
        ),
    )
    intake_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("intake editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The agency editor who owns the drafts made from e-mails and submits them for review."
        ),
    )
    # Provisioned automatically (cchc_news.provisioning); not edited by hand.
    editors_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    heads_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name

    def sender_addresses(self) -> list[str]:
        return [line.strip().lower() for line in self.mail_senders.split() if line.strip()]

    @classmethod
    def for_user(cls, user):
        """The agencies whose editors or heads group `user` belongs to."""
        if not user.is_authenticated:
            return cls.objects.none()
        group_ids = user.groups.values_list("pk", flat=True)
        return cls.objects.filter(
            models.Q(editors_group__in=group_ids) | models.Q(heads_group__in=group_ids)
        )
