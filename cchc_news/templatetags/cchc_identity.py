"""`{% department_identity as identity %}`: the Department's identity of the request's site
(cchc_news.identity), read once per request whichever template asks first."""

from django import template

from ..identity import identity_for

register = template.Library()


@register.simple_tag(takes_context=True)
def department_identity(context):
    return identity_for(context.get("request"))
