"""The mailings in the admin, for the CCHC office: per bulletin and correction, how many
subscribers it went to, how many e-mails were sent and how many failed. Read-only; the
addresses themselves are not listed (personal data the office does not need to read)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cchc_news.admin.columns import local_time

from .models import BulletinMailing, Subscriber


def event_label(mailing):
    if mailing.correction_id:
        return _("Correction of %(date)s") % {
            "date": local_time("published_at")(mailing.correction)
        }
    return pgettext_lazy("bulletin mailing", "First publication")


def waiting_count(mailing):
    return mailing.recipient_count - mailing.sent_count - mailing.failed_count


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing needs subscriptions.view_bulletinmailing (the office and the leadership)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class MailingIndexView(IndexView):
    def get_base_queryset(self):
        return BulletinMailing.objects.with_counts().select_related("bulletin", "correction")

    def get_page_title(self):
        confirmed = Subscriber.objects.filter(status=Subscriber.CONFIRMED).count()
        title = ngettext(
            "Bulletin e-mails (%(count)s subscriber)",
            "Bulletin e-mails (%(count)s subscribers)",
            confirmed,
        )
        return title % {"count": f"{confirmed:,}".replace(",", ".")}


class MailingViewSet(ModelViewSet):
    model = BulletinMailing
    name = "bulletin-mailings"
    icon = "mail"
    menu_label = _("Bulletin e-mails")
    menu_order = 175
    add_to_admin_menu = True
    permission_policy = ReadOnlyPolicy(BulletinMailing)
    index_view_class = MailingIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["listed_at"]  # required by ModelViewSet; the policy allows no editing
    list_display = [
        "__str__",
        Column("event", label=_("event"), accessor=event_label),
        Column("created_at", label=_("created"), accessor=local_time("created_at")),
        Column("recipient_count", label=pgettext_lazy("bulletin mailing", "subscribers")),
        Column("sent_count", label=pgettext_lazy("bulletin mailing", "sent")),
        Column("failed_count", label=pgettext_lazy("bulletin mailing", "failed")),
        Column(
            "waiting", label=pgettext_lazy("bulletin mailing", "waiting"), accessor=waiting_count
        ),
    ]
    ordering = ["-created_at", "-pk"]
