"""`{% bulletin_feed_autodiscovery %}`: <link rel="alternate"> tags for the bulletins' feed
(the news feed's are cchc_news's `{% news_feed_autodiscovery %}`, in cchc_feeds)."""

from django import template
from django.utils.translation import gettext as _

from cchc_news.templatetags.cchc_feeds import autodiscovery_tags

register = template.Library()


@register.simple_tag
def bulletin_feed_autodiscovery():
    return autodiscovery_tags([(_("CCHC bulletin"), "bulletin:feed_bulletins")])
