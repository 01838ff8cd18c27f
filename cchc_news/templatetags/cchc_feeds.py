"""`{% news_feed_autodiscovery %}`: <link rel="alternate"> tags for the section's news feed."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from ..public.feeds import autodiscovery_links

register = template.Library()


def autodiscovery_tags(advertised):
    """Relative hrefs: browsers and feed readers resolve them against the page."""
    return tags_of(tuple(advertised), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


# What reverse() gives for the feeds never changes in a running process for a script prefix and
# URLconf (in the key, as reverse() reads them), and every page's <head> asks for the tags.
@lru_cache(maxsize=64)
def tags_of(advertised, _script_prefix, _urlconf):
    return format_html_join(
        "\n    ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        autodiscovery_links(advertised),
    )


@register.simple_tag
def news_feed_autodiscovery():
    return autodiscovery_tags([(_("CCHC news"), "cchc_news:feed_news")])
