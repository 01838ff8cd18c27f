"""`{% news_feed_autodiscovery %}`: <link rel="alternate"> tags for the section's news feed."""

from django import template
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from ..public.feeds import autodiscovery_links

register = template.Library()


def autodiscovery_tags(advertised):
    """Relative hrefs: browsers and feed readers resolve them against the page."""
    return format_html_join(
        "\n    ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        autodiscovery_links(advertised),
    )


@register.simple_tag
def news_feed_autodiscovery():
    return autodiscovery_tags([(_("CCHC news"), "cchc_news:feed_news")])
