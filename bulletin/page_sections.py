"""The sections of a bulletin as its page shows them (BulletinPage.shown_sections).

What they show changes only with public content: they are read once per generation of it
(cchc_news.generation_cache), with each entry's dates formatted; each request adds the
entries' URLs, from one look-up each.
"""

from django.template.defaultfilters import date as date_filter
from django.utils.timezone import template_localtime

from cchc_news.generation_cache import cached_by_generation
from cchc_news.links import page_urls


def shown_sections(bulletin, request):
    """bulletin.sections(), each item with its `public_url` and `print_url` (`{% pageurl %}`
    and `{% fullpageurl %}`) and its dates; a preview reads its draft's entries."""
    if getattr(request, "is_preview", False):
        sections = with_entry_dates(bulletin.sections(request))
    else:
        sections = cached_by_generation(
            f"bulletin-sections:{bulletin.pk}",
            lambda: with_entry_dates(bulletin.sections(request)),
            request,
        )
    for _topic, entries in sections:
        for item, _note in entries:
            item.public_url, item.print_url = page_urls(item, request)
    return sections


def with_entry_dates(sections):
    """Each item with its publication date as its bulletin entry shows it (`|date:'c'` and
    `|date:"d/m/Y"` in the local time), formatted once with the sections it is cached with."""
    for _topic, entries in sections:
        for item, _note in entries:
            published = item.first_published_at and template_localtime(item.first_published_at)
            item.published_iso = date_filter(published, "c")
            item.published_day = date_filter(published, "d/m/Y")
    return sections
