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
