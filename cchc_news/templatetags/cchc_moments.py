"""{{ value|moment }}: “16:00 thứ Sáu, 04/12/2026” (cchc_news.moments)."""

from django import template

from ..moments import moment_text

register = template.Library()


@register.filter
def moment(value):
    return moment_text(value) if value else ""
