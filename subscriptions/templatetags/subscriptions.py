from django import template

from .. import conf
from ..forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("subscriptions/includes/subscribe_form.html")
def subscribe_form(form=None, heading=True):
    """The subscription form as every visitor sees it (no CSRF token: it is cached)."""
    return {
        "form": form or SubscribeForm(),
        "heading": heading,
        "retention_days": conf.get("SUBSCRIPTIONS_UNCONFIRMED_RETENTION_DAYS"),
    }
