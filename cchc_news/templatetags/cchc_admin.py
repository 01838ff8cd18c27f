"""Template tags of the admin templates cchc_news overrides or adds."""

from django import template
from wagtail.admin.action_menu import SubmitForModerationMenuItem, WorkflowMenuItem

from ..checklist.side_panels import with_checklist_panel
from ..cutoff import next_cutoff
from ..models import NewsItemPage
from ..word_import.views import editor_link

register = template.Library()


def _edited_page(context):
    # The create view names no "page": its form's instance is the new item.
    return context.get("page") or getattr(context.get("form"), "instance", None)


@register.simple_tag(takes_context=True)
def checklist_side_panels(context):
    """The editor's side panels, with the checklist when the page is a news item."""
    side_panels = context.get("side_panels")
    request = context.get("request")
    page = _edited_page(context)
    if not side_panels or not isinstance(page, NewsItemPage) or request is None:
        return side_panels
    return with_checklist_panel(side_panels, request, page, context.get("parent_page"))


@register.inclusion_tag("cchc_news/includes/footer_cutoff.html", takes_context=True)
def footer_cutoff(context):
    """The week's cut-off beside a news item's footer buttons, when it can be sent or approved
    and an installed app supplies one (cchc_news.cutoff)."""
    page = _edited_page(context)
    menu = context.get("action_menu")
    if not isinstance(page, NewsItemPage) or menu is None:
        return {"show": False}
    items = [menu.default_item, *menu.menu_items]
    relevant = (SubmitForModerationMenuItem, WorkflowMenuItem)
    if not any(isinstance(item, relevant) for item in items):
        return {"show": False}
    cutoff = next_cutoff()
    return {"show": cutoff is not None, "cutoff": cutoff}


@register.simple_tag(takes_context=True)
def word_import_link(context):
    """(url, label) of the Word import the checklist panel offers for the edited item, or None.

    A template tag rather than the panel's own context so that the models, which declare the
    panel, do not import the Word import's views.
    """
    panel = context["self"]
    return editor_link(panel.instance, context.get("parent_page"), panel.request.user)
