from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ListingButton

from .assembly_log import register_early_publication
from .models import BulletinIndexPage
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
