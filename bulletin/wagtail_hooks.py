from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter

from .assembly_log import register_early_publication
from .correction_views import cancel_view, open_view
from .corrections import CANCEL_ACTION, OPEN_ACTION, PUBLISH_ACTION
from .cutoff import cutoff_for_editors
from .locks import may_correct
from .models import BulletinIndexPage, BulletinPage
from .panels import cycle_health_panel, failed_delivery_panel
from .views import assemble_view, confirm_assembly_view, resend_view, user_can_assemble
from .viewsets import DeliveryViewSet


@hooks.register("register_admin_urls")
def register_bulletin_urls():
    return [
        path("bulletin/assemble/", assemble_view, name="bulletin_assemble"),
        path(
            "bulletin/assemble/confirm/",
            confirm_assembly_view,
            name="bulletin_assemble_confirm",
        ),
        path("bulletin/deliveries/<int:pk>/resend/", resend_view, name="bulletin_resend"),
    ]


# The week's cut-off that cchc_news shows editors (its dashboard panel, checklist and footer)
# and that its embedded scheduler wakes for: see cchc_news.cutoff.
hooks.register("cchc_news_cutoff", cutoff_for_editors)


@hooks.register("register_log_actions")
def register_early_publication_log_action(actions):
    register_early_publication(actions)


@hooks.register("register_admin_viewset")
def register_delivery_log():
    return DeliveryViewSet()


@hooks.register("construct_homepage_panels")
def show_cycle_health(request, panels):
    if user_can_assemble(request.user):
        panels.append(cycle_health_panel())


@hooks.register("construct_homepage_panels")
def warn_about_failed_delivery(request, panels):
    if user_can_assemble(request.user):
        panel = failed_delivery_panel()
        if panel is not None:
            panels.insert(0, panel)


class AssembleMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_assemble(request.user)


@hooks.register("register_admin_menu_item")
def register_assemble_menu_item():
    return AssembleMenuItem(
        _("Assemble the bulletin"), reverse("bulletin_assemble"), icon_name="doc-full", order=160
    )


def assemble_buttons(page, user, cls, priority):
    if isinstance(page.specific_deferred, BulletinIndexPage) and user_can_assemble(user):
        yield cls(
            _("Assemble this week's bulletin"),
            reverse("bulletin_assemble"),
            icon_name="doc-full",
            priority=priority,
        )


@hooks.register("register_page_listing_buttons")
def bulletin_listing_buttons(page, user, next_url=None):
    yield from assemble_buttons(page, user, ListingButton, 5)


@hooks.register("register_page_header_buttons")
def bulletin_header_buttons(page, user, view_name, next_url=None):
    yield from assemble_buttons(page, user, Button, 5)


# --- corrections of an issued bulletin ("Đính chính") ---------------------------------------


@hooks.register("register_admin_urls")
def register_correction_urls():
    return [
        path("bulletin/<int:page_id>/correction/", open_view, name="bulletin_correction_open"),
        path(
            "bulletin/<int:page_id>/correction/cancel/",
            cancel_view,
            name="bulletin_correction_cancel",
        ),
    ]


def correction_buttons(page, user, cls, priority, show_cancel):
    """Offer "Correct" on an issued bulletin to those who may; "Cancel" while one is open."""
    bulletin = page.specific_deferred
    if not isinstance(bulletin, BulletinPage) or not bulletin.is_issued():
        return
    if not may_correct(user, bulletin):
        return
    # The listing shows no cancel button: it would cost a query per row, and the open
    # view itself says that a correction is already open and leads to it.
    if show_cancel and bulletin.open_correction() is not None:
        url = reverse("bulletin_correction_cancel", args=[page.pk])
        yield cls(_("Cancel the correction"), url, icon_name="cross", priority=priority)
        return
    url = reverse("bulletin_correction_open", args=[page.pk])
    yield cls(_("Correct"), url, icon_name="edit", priority=priority)


@hooks.register("register_page_listing_buttons")
def correction_listing_buttons(page, user, next_url=None):
    yield from correction_buttons(page, user, ListingButton, 6, show_cancel=False)


@hooks.register("register_page_header_buttons")
def correction_header_buttons(page, user, view_name, next_url=None):
    yield from correction_buttons(page, user, Button, 6, show_cancel=True)


class CorrectionLogFormatter(LogFormatter):
    message = ""

    def format_message(self, log_entry):
        # The reason is in the message; as a comment too, the history would show it twice.
        return self.message % {"reason": log_entry.data.get("reason", "")}


@hooks.register("register_log_actions")
def register_correction_log_actions(actions):
    @actions.register_action(OPEN_ACTION)
    class CorrectionOpened(CorrectionLogFormatter):
        label = _("Correction opened")
        message = _("Correction opened. Reason: %(reason)s")

    @actions.register_action(CANCEL_ACTION)
    class CorrectionCancelled(CorrectionLogFormatter):
        label = _("Correction cancelled")
        message = _("Correction cancelled (reason given: %(reason)s)")

    @actions.register_action(PUBLISH_ACTION)
    class CorrectionPublished(CorrectionLogFormatter):
        label = _("Correction")
        message = _("Correction published. Reason: %(reason)s")
