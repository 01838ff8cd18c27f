"""`{% news_feed_autodiscovery %}`: <link rel="alternate"> tags for the section's news feed."""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from ..public.feeds import autodiscovery_links

register = template.Library()

# The tags of each (feeds, script prefix, URLconf): what reverse() gives for them never
# changes in a running process, and every page's <head> asks for them. A few keys (languages,
# prefixes); bounded all the same, the prefix being the server's to set.
_TAGS = {}
MAX_TAGS = 64


def autodiscovery_tags(advertised):
    """Relative hrefs: browsers and feed readers resolve them against the page."""
    key = (tuple(advertised), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    tags = _TAGS.get(key)
    if tags is None:
        if len(_TAGS) >= MAX_TAGS:
            _TAGS.clear()
        tags = _TAGS[key] = format_html_join(
            "\n    ",
            '<link rel="alternate" type="{}" title="{}" href="{}">',
            autodiscovery_links(advertised),
        )
    return tags


@register.simple_tag
def news_feed_autodiscovery():
    return autodiscovery_tags([(_("CCHC news"), "cchc_news:feed_news")])
