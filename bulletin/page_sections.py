"""The sections of a bulletin as its page shows them (BulletinPage.shown_sections).

What they show changes only with public content: they are read once per generation of it
(cchc_news.generation_cache), with each entry's dates formatted and its URLs, and with the
bulletin's published corrections. Each entry's item is kept as what the page shows of it
(ShownItem): a whole page, pickled with its body, weighed about 3 KB and took 27 µs to read
back, on every view of a bulletin of 100 entries.
"""

from typing import NamedTuple

from django.template.defaultfilters import date as date_filter
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from wagtail.models import Site

from cchc_news.generation_cache import cached_by_generation
from cchc_news.links import page_urls


class ShownBulletin(NamedTuple):
    sections: list
    corrections: list  # published_corrections(), as a list


def shown_sections(bulletin, request):
    """bulletin.sections(), each item with its `public_url` and `print_url` (`{% pageurl %}`
    and `{% fullpageurl %}`) and its dates; a preview reads its draft's entries."""
    return shown_bulletin(bulletin, request).sections


def shown_bulletin(bulletin, request):
    """The sections (`shown_sections`) and the published corrections the page shows.

    The URLs are kept with the sections, under the site the request is for: they depend on
    nothing else (the pages' paths and the sites, public content both). A correction is
    published with its bulletin (cchc_news.public.page_cache purges, in its transaction)."""
    if getattr(request, "is_preview", False):
        return read_bulletin(bulletin, request)
    site = Site.find_for_request(request) if request else None
    return cached_by_generation(
        f"bulletin-shown:v3:{bulletin.pk}:{site.pk if site else ''}",
        lambda: read_bulletin(bulletin, request),
        request,
    )


def read_bulletin(bulletin, request):
    return ShownBulletin(read_sections(bulletin, request), list(bulletin.published_corrections()))


def read_sections(bulletin, request):
    sections = with_entry_urls(with_entry_dates(bulletin.sections(request)), request)
    # One Agency per agency and one Topic per topic (the section's), however many entries
    # they have: each copy is one more model to unpickle on every view.
    agencies = {}
    return [
        (topic, [(ShownItem(item, agencies, topic), note) for item, note in entries])
        for topic, entries in sections
    ]


def plain(value):
    """`value` marked safe when escaping it would change nothing (a date, a page's path): the
    template writes the same characters without escaping them on each view."""
    if isinstance(value, str) and escape(value) == value:
        return SafeString(value)
    return value


class ShownItem:
    """An entry's item: the fields the bulletin page shows, its agency and topic; any other
    attribute (a host's own template may ask for one) is read from the page, once."""

    SHOWN = ("pk", "id", "title", "summary", "public_url", "print_url")
    SHOWN += ("published_iso", "published_day", "agency_id", "topic_id")
    PLAIN = ("public_url", "print_url", "published_iso", "published_day")

    def __init__(self, item, agencies, topic):
        for name in self.SHOWN:
            setattr(self, name, getattr(item, name))
        for name in self.PLAIN:
            setattr(self, name, plain(getattr(self, name)))
        self.agency = agencies.setdefault(item.agency_id, item.agency)
        # `item.agency.name` in one lookup; "" without an agency, as the template writes it.
        self.agency_name = self.agency.name if self.agency is not None else ""
        self.topic = topic

    def __getitem__(self, name):
        # A template looks `item.title` up as item["title"] first: answering it spares the
        # exception of an object that has no item lookup, for each field of each entry.
        try:
            return self.__dict__[name]
        except KeyError:
            raise KeyError(name) from None  # then as an attribute (__getattr__)

    __iter__ = None  # not a sequence for all its __getitem__: `in` and iter() refuse it

    def __getattr__(self, name):
        if name.startswith("_"):  # pickle's and copy's probes, and this class's own page
            raise AttributeError(name)
        page = self.__dict__.get("_page")
        if page is None:
            from cchc_news.models import NewsItemPage

            page = self.__dict__["_page"] = NewsItemPage.objects.get(pk=self.pk)
        return getattr(page, name)

    def __getstate__(self):
        return {name: value for name, value in self.__dict__.items() if name != "_page"}

    def __setstate__(self, state):
        # Defined, so that unpickling does not ask __getattr__ for it (and catch its error).
        self.__dict__.update(state)


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
