"""`{% feed_autodiscovery %}`: <link rel="alternate"> tags for the section's main feeds."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

register = template.Library()

MEDIA_TYPES = {"atom": "application/atom+xml", "json": "application/feed+json"}


def advertised_feeds():
    """(title, url name) of the feeds every public page advertises."""
    return [(_("CCHC news"), "bulletin:feed_news"), (_("CCHC bulletin"), "bulletin:feed_bulletins")]


def feed_links():
    links = []
    for title, name in advertised_feeds():
        for fmt, media_type in MEDIA_TYPES.items():
            try:
                links.append((media_type, title, reverse(name, kwargs={"fmt": fmt})))
            except NoReverseMatch:  # e.g. a URLconf without the feeds: advertise nothing
                continue
    return links


@register.simple_tag
def feed_autodiscovery():
    """Relative hrefs: browsers and feed readers resolve them against the page."""
    return format_html_join(
        "\n    ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        feed_links(),
    )
