"""{{ value|grouped }}: a count with the language's thousands separator (“10.110” in Vietnamese).

Not USE_THOUSAND_SEPARATOR: that groups every number a template prints, page numbers and ids in
URLs included. Django's Vietnamese formats set no NUMBER_GROUPING, so number_format() would not
group either.
"""

from django import template

from ..checklist.text import grouped as grouped_number

register = template.Library()


@register.filter
def grouped(value):
    if value is None or value == "":
        return ""
    return grouped_number(int(value))
