"""The notice of an item sent back for changes, at the top of its editor."""

from django import template

from ..models import NewsItemPage
from ..review_state import sent_back_notice

register = template.Library()


@register.inclusion_tag("cchc_news/sent_back/editor_notice.html", takes_context=True)
def sent_back_editor_notice(context, workflow_state):
    """The editor's active workflow state, when it waits for changes: who, when, step, comment.
    Only a news item's editor shows it: the host's other pages keep Wagtail's editor."""
    if not isinstance(context.get("page"), NewsItemPage):
        return {"sent_back": None}
    return {"sent_back": sent_back_notice(workflow_state)}
