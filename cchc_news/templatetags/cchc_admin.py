"""Template tags of the admin templates cchc_news overrides."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def checklist_side_panels(context):
    """The editor's side panels, with the checklist when the page is a news item."""
    from ..models import NewsItemPage
    from ..side_panels import with_checklist_panel

    side_panels = context.get("side_panels")
    request = context.get("request")
    # The create view names no "page": its form's instance is the new item.
    page = context.get("page") or getattr(context.get("form"), "instance", None)
    if not side_panels or not isinstance(page, NewsItemPage) or request is None:
        return side_panels
    return with_checklist_panel(side_panels, request, page, context.get("parent_page"))


@register.inclusion_tag("cchc_news/includes/footer_cutoff.html", takes_context=True)
def footer_cutoff(context):
    """The week's cut-off beside a news item's footer buttons, when it can be sent or approved."""
    from wagtail.admin.action_menu import SubmitForModerationMenuItem, WorkflowMenuItem

    from ..models import NewsItemPage
    from ..schedule import cutoff_message, cutoff_parts

    page = context.get("page") or getattr(context.get("form"), "instance", None)
    menu = context.get("action_menu")
    if not isinstance(page, NewsItemPage) or menu is None:
        return {"show": False}
    items = [menu.default_item, *menu.menu_items]
    relevant = (SubmitForModerationMenuItem, WorkflowMenuItem)
    return {
        "show": any(isinstance(item, relevant) for item in items),
        "label_and_time": cutoff_parts(),
        "explanation": cutoff_message(),
    }
