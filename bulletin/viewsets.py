"""The delivery log in the admin: read-only, for those who may publish bulletins."""

from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from cchc_news.admin.columns import local_time

from .delivery import CORRECTED_TYPE, PAYLOAD_TYPE, event_type
from .models import FeedDelivery
from .views import DeliveryInspectView, user_can_assemble


def event_label(delivery):
    """What the message says happened: the central feed's event type, or a hub ping."""
    labels = {
        PAYLOAD_TYPE: _("Published (%(type)s)"),
        CORRECTED_TYPE: _("Correction (%(type)s)"),
    }
    kind = event_type(delivery)
    if kind in labels:
        return labels[kind] % {"type": kind}
    return kind or _("Hub ping")


def short_error(delivery):
    return truncatechars(delivery.get_last_error_display(), 120)


class DeliveryLogPolicy(BasePermissionPolicy):
    """The CCHC office, the leadership and superusers may read the log; nobody edits it."""

    def user_has_permission(self, user, action):
        return action in ("view", "resend") and user.is_active and user_can_assemble(user)

    def users_with_any_permission(self, actions):
        raise NotImplementedError("not used: the log notifies nobody")


class DeliveryViewSet(ModelViewSet):
    model = FeedDelivery
    name = "deliveries"
    icon = "upload"
    menu_label = _("Deliveries")
    menu_order = 170
    add_to_admin_menu = True
    permission_policy = DeliveryLogPolicy(FeedDelivery)
    inspect_view_enabled = True
    inspect_view_class = DeliveryInspectView
    copy_view_enabled = False
    list_display = [
        "__str__",  # the title column, linked to the detail page
        Column("event", label=_("event"), accessor=event_label),
        Column("status", label=_("status"), accessor="get_status_display"),
        Column("attempt_count", label=_("attempts")),
        Column("next_attempt_at", label=_("next attempt"), accessor=local_time("next_attempt_at")),
        Column("last_error", label=_("last error"), accessor=short_error),
        Column("created_at", label=_("created"), accessor=local_time("created_at")),
    ]
    list_filter = ["status", "channel"]
    ordering = ["-created_at", "-pk"]
    inspect_view_fields = [
        "channel",
        "backend",
        "bulletin",
        "webhook_id",
        "target",
        "status",
        "attempt_count",
        "last_error",
    ]
    form_fields = ["status"]  # no create or edit view is reachable: the policy refuses them

    def get_queryset(self, request):
        return FeedDelivery.objects.select_related("bulletin")
