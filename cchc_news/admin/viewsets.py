"""Admin screens for the section's non-page data (Wagtail's ModelViewSet)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from ..forms import AgencyForm
from ..mail_in.views import IncomingMailViewSet
from ..models import Agency, AgencyKind, Campaign, Topic
from ..safe_forms import with_safe_text
from .outbox import OutboxEmailViewSet


class SafeTextViewSet(ModelViewSet):
    """A viewset whose create and edit forms remove bidirectional controls from their text,
    also when Wagtail builds the form from `form_fields`."""

    def get_form_class(self, for_update=False):
        return with_safe_text(super().get_form_class(for_update))


class AgencyViewSet(SafeTextViewSet):
    name = "agencies"
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    list_display = [
        "name",
        "short_name",
        "code",
        "kind",
        BooleanColumn("active", label=_("Active")),
    ]
    list_filter = ["kind", "active"]
    list_export = ["name", "short_name", "code", "kind", "email", "active"]
    search_fields = ["name", "short_name", "code"]
    search_backend_name = None
    ordering = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "short_name",
        "code",
        "kind",
        "email",
        "active",
        "editors_group",
        "heads_group",
        "mail_senders",
        "intake_editor",
        "created_at",
    ]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("email")]),
            FieldPanel("active"),
            FieldPanel("mail_senders"),
            FieldPanel("intake_editor"),
        ],
        base_form_class=AgencyForm,
    )


class AgencyKindViewSet(SafeTextViewSet):
    name = "agency_kinds"
    model = AgencyKind
    icon = "list-ul"
    menu_label = _("Agency kinds")
    form_fields = ["name"]
    list_display = ["name"]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False


class TopicViewSet(SafeTextViewSet):
    name = "topics"
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    form_fields = ["name", "slug", "description"]
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False


class CampaignViewSet(SafeTextViewSet):
    name = "campaigns"
    model = Campaign
    icon = "calendar-alt"
    menu_label = _("Campaigns")
    form_fields = ["name", "slug", "description", "start_date", "end_date", "active"]
    list_display = ["name", "start_date", "end_date", BooleanColumn("active", label=_("Active"))]
    list_filter = ["active"]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False


class CCHCViewSetGroup(ViewSetGroup):
    menu_label = _("Administrative reform")
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (
        AgencyViewSet,
        AgencyKindViewSet,
        TopicViewSet,
        CampaignViewSet,
        IncomingMailViewSet,
        OutboxEmailViewSet,
    )
