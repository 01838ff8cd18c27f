"""The host project's admin pieces: Settings → Login lock-outs (portal.lockouts), and the
dashboard's system status (portal.health)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from bulletin.views import user_can_assemble

from .health.panel import system_status_panel
from .lockouts.views import LIFTED, lift_view, lockouts_view


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("login-lockouts/", lockouts_view, name="portal_lockouts"),
        path("login-lockouts/lift/", lift_view, name="portal_lockouts_lift"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return SuperuserMenuItem(
        _("Login lock-outs"),
        reverse("portal_lockouts"),
        name="login-lockouts",
        icon_name="lock",
        order=900,
    )


@hooks.register("register_log_actions")
def register_lockout_log_actions(actions):
    actions.register_action(LIFTED, _("Lift a login lock-out"), _("Login lock-out lifted"))


@hooks.register("construct_homepage_panels")
def show_system_status(request, panels):
    """The same audience as the weekly cycle's health (bulletin): the office and superusers."""
    if user_can_assemble(request.user):
        panels.append(system_status_panel())
