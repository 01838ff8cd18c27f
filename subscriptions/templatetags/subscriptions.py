from django import template

from .. import conf
from ..forms import AddressOnlySubscribeForm, SubscribeForm

register = template.Library()


@register.inclusion_tag("subscriptions/includes/subscribe_form.html")
def subscribe_form(form=None, heading=True, choices=False):
    """The subscription form as every visitor sees it (no CSRF token: it is cached); with
    `choices`, the choice of topics and agencies too (queries: on the form's own page only)."""
    if form is None:
        form = SubscribeForm() if choices else AddressOnlySubscribeForm()
    return {
        "form": form,
        "heading": heading,
        "choices": choices,
        "retention_days": conf.get("SUBSCRIPTIONS_UNCONFIRMED_RETENTION_DAYS"),
    }
