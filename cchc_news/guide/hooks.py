"""Where the guide is offered: the Help menu (in place of Wagtail's English editor guide), a
dashboard panel that opens the reader's own role, and the news item's checklist panel
(cchc_news/panels/checklist.html links to the editor's guide)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .roles import ROLES, role_of
from .views import guide_url, urlpatterns

# Wagtail's help items that lead to English pages on wagtail.org.
WAGTAIL_ENGLISH_HELP = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def register_guide_urls():
    return urlpatterns


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(
        _("User guide"), reverse("cchc_guide_own"), name="cchc-guide", icon_name="help", order=900
    )


@hooks.register("construct_help_menu")
def drop_wagtail_english_guides(request, menu_items):
    menu_items[:] = [i for i in menu_items if not i.name.startswith(WAGTAIL_ENGLISH_HELP)]


class GuidePanel(Component):
    name = "cchc_guide"
    order = 400  # after the work to do: a newcomer scrolls to it, a regular does not need it
    template_name = "cchc_news/guide/panel.html"

    def __init__(self, role):
        self.role = role

    def get_context_data(self, parent_context):
        return {"role_label": ROLES[self.role], "url": guide_url(self.role)}


@hooks.register("construct_homepage_panels")
def add_guide_panel(request, panels):
    panels.append(GuidePanel(role_of(request.user)))
