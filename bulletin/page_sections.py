"""The sections of a bulletin as its page shows them (BulletinPage.shown_sections).

What they show changes only with public content: they are read once per generation of it
(cchc_news.generation_cache), with each entry's dates formatted and its URLs.
"""

from django.template.defaultfilters import date as date_filter
from django.utils.timezone import template_localtime
from wagtail.models import Site

from cchc_news.generation_cache import cached_by_generation
from cchc_news.links import page_urls


def shown_sections(bulletin, request):
    """bulletin.sections(), each item with its `public_url` and `print_url` (`{% pageurl %}`
    and `{% fullpageurl %}`) and its dates; a preview reads its draft's entries.

    The URLs are kept with the sections, under the site the request is for: they depend on
    nothing else (the pages' paths and the sites, public content both)."""
    if getattr(request, "is_preview", False):
        return with_entry_urls(with_entry_dates(bulletin.sections(request)), request)
    site = Site.find_for_request(request) if request else None
    return cached_by_generation(
        f"bulletin-sections:{bulletin.pk}:{site.pk if site else ''}",
        lambda: with_entry_urls(with_entry_dates(bulletin.sections(request)), request),
        request,
    )


def with_entry_urls(sections, request):
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
