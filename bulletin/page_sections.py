"""The sections of a bulletin as its page shows them (BulletinPage.shown_sections).

What they show changes only with public content: they are read once per generation of it
(cchc_news.generation_cache), with each entry's dates formatted and its URLs. Each entry's item
is kept as what the page shows of it (ShownItem): a whole page, pickled with its body, weighed
about 3 KB and took 27 µs to read back, on every view of a bulletin of 100 entries.
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
        return read_sections(bulletin, request)
    site = Site.find_for_request(request) if request else None
    return cached_by_generation(
        f"bulletin-sections:v2:{bulletin.pk}:{site.pk if site else ''}",
        lambda: read_sections(bulletin, request),
        request,
    )


def read_sections(bulletin, request):
    sections = with_entry_urls(with_entry_dates(bulletin.sections(request)), request)
    agencies = {}  # one Agency per agency, however many entries it has
    return [
        (topic, [(ShownItem(item, agencies), note) for item, note in entries])
        for topic, entries in sections
    ]


class ShownItem:
    """An entry's item: the fields the bulletin page shows, its agency and topic; any other
    attribute (a host's own template may ask for one) is read from the page, once."""

    SHOWN = ("pk", "id", "title", "summary", "public_url", "print_url")
    SHOWN += ("published_iso", "published_day", "agency_id", "topic_id")

    def __init__(self, item, agencies):
        for name in self.SHOWN:
            setattr(self, name, getattr(item, name))
        self.agency = agencies.setdefault(item.agency_id, item.agency)
        self.topic = item.topic

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
