"""The outgoing e-mails (cchc_news.outbox) in the admin: read-only, for the CCHC office.

Shows what waits, what was sent and what failed for good, with the last error: an e-mail
that never arrived is looked up here, not in the server's logs.
"""

from django.template.defaultfilters import truncatechars
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import OutboxEmail
from .columns import local_time


def short_error(email):
    return truncatechars(email.last_error, 80)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing needs cchc_news.view_outboxemail (the office has it); nobody adds or edits."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class OutboxEmailViewSet(ModelViewSet):
    model = OutboxEmail
    name = "outgoing-emails"
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    permission_policy = ReadOnlyPolicy(OutboxEmail)
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # required by ModelViewSet; the policy allows no editing
    list_display = [
        "__str__",
        Column("recipients", label=capfirst(_("to"))),
        Column("status", label=capfirst(_("status")), accessor="get_status_display"),
        Column("attempts", label=capfirst(_("attempts"))),
        Column(
            "next_attempt_at",
            label=capfirst(_("next attempt")),
            accessor=local_time("next_attempt_at"),
        ),
        Column("last_error", label=capfirst(_("last error")), accessor=short_error),
        Column("created_at", label=capfirst(_("created")), accessor=local_time("created_at")),
    ]
    list_filter = ["status"]
    search_fields = ["subject"]
    search_backend_name = None
    ordering = ["-created_at", "-pk"]
    inspect_view_fields = [
        "subject",
        "to",
        "cc",
        "source",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "sent_at",
        "next_attempt_at",
        "last_error",
        "body",
    ]
