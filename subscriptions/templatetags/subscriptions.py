from django import template

from .. import conf
from ..forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("subscriptions/includes/subscribe_form.html")
def subscribe_form(form=None, heading=True, topics=False):
    """The subscription form as every visitor sees it (no CSRF token: it is cached); with
    `topics`, the choice of topics too (a query: on the form's own page only)."""
    return {
        "form": form or SubscribeForm(),
        "heading": heading,
        "topics": topics,
        "retention_days": conf.get("SUBSCRIPTIONS_UNCONFIRMED_RETENTION_DAYS"),
    }
