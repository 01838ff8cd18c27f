"""The notice of an item sent back for changes, at the top of its editor."""

from django import template

from ..review_state import sent_back_notice

register = template.Library()


@register.inclusion_tag("cchc_news/sent_back/editor_notice.html")
def sent_back_editor_notice(workflow_state):
    """The editor's active workflow state, when it waits for changes: who, when, step, comment."""
    return {"sent_back": sent_back_notice(workflow_state)}
