"""The news feeds of the CCHC section: Atom 1.0 (RFC 4287) and JSON Feed 1.1, with WebSub.

Three subjects, each in both formats: the news of the whole section, the news of one agency
and the news of one topic. Only live, public items appear, newest first, at most FEED_LIMIT
of them, in a constant number of queries. The generators, entries and responses here serve
any feed of the section: the bulletin app builds its archive's feed on them (bulletin.feeds).

Entry links use the request's host. A feed's own URL (`rel="self"`, the WebSub topic) is
built on settings.WAGTAILADMIN_BASE_URL instead, so that it is the same URL that
`feed_urls_for_page` gives to whoever pings the hub: a hub only notifies subscribers of
the exact topic URL it was pinged with.
"""

import io
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import conf
from ..generation_cache import cached_by_generation
from ..links import absolute_url
from ..models import Agency, CCHCSectionPage, NewsItemPage, Topic
from ..models.pages import public_pages
from ..query_parameters import declare_query

FEED_LIMIT = 50
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


# Generators -------------------------------------------------------------------------


class AtomFeed(Atom1Feed):
    """Django's Atom 1.0 plus a WebSub hub link and plain-text summaries."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("hub_url"):
            handler.addQuickElement("link", "", {"rel": "hub", "href": self.feed["hub_url"]})

    def add_item_elements(self, handler, item):
        # Django writes summaries as type="html"; ours are plain text (the default type).
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"])


class JSONFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from the same data as the Atom feed."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.document(), ensure_ascii=False, indent=1))

    def document(self):
        feed = self.feed
        document = {
            "version": JSON_FEED_VERSION,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "language": feed["language"],
            "authors": [{"name": feed["author_name"]}] if feed["author_name"] else None,
            "hubs": [{"type": "WebSub", "url": feed["hub_url"]}] if feed.get("hub_url") else None,
            "items": [self.item_document(item) for item in self.items],
        }
        return without_empty(document)

    @staticmethod
    def item_document(item):
        return without_empty(
            {
                "id": item["unique_id"],
                "url": item["link"],
                "title": item["title"],
                "summary": item["description"],
                # One of content_text / content_html is required; the summary is our content.
                "content_text": item["description"] or item["title"],
                "date_published": item["pubdate"] and item["pubdate"].isoformat(),
                "date_modified": item["updateddate"] and item["updateddate"].isoformat(),
                "authors": [{"name": item["author_name"]}] if item["author_name"] else None,
                "tags": item["categories"] or None,
            }
        )


def without_empty(mapping):
    return {key: value for key, value in mapping.items() if value is not None}


FORMATS = {"atom": AtomFeed, "json": JSONFeed}
MEDIA_TYPES = {"atom": "application/atom+xml", "json": "application/feed+json"}


# URLs ---------------------------------------------------------------------------------


def feed_url(view_name, fmt, **kwargs):
    return absolute_url(reverse(view_name, kwargs={"fmt": fmt, **kwargs}))


def page_link(request, page):
    url = page.get_url(request)
    return request.build_absolute_uri(url) if url else None


def tag_uri(page):
    """A permanent entry id (RFC 4151) that survives a change of slug or place in the tree."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    first = page.first_published_at or page.last_published_at
    return f"tag:{host},{first:%Y-%m-%d}:/pages/{page.pk}/" if first else None


def websub_hub():
    return conf.get("WEBSUB_HUB_URL") or None


# Entries ------------------------------------------------------------------------------


def page_dates(page):
    published = page.first_published_at or page.last_published_at
    return {"pubdate": published, "updateddate": page.last_published_at or published}


def news_entry(request, item):
    link = page_link(request, item)
    return {
        "title": item.title,
        "link": link,
        "description": item.summary,
        "unique_id": tag_uri(item) or link,
        "author_name": item.agency.name if item.agency else None,
        "categories": [item.topic.name] if item.topic else (),
        **page_dates(item),
    }


# Responses ----------------------------------------------------------------------------


def render_feed(request, fmt, *, title, home, entries, link=None):
    """A feed response in `fmt` ("atom" or "json") with its WebSub links; `link`, if given,
    is the home's (page_link), read before."""
    declare_query(request)  # a feed reads no query parameter
    self_url = absolute_url(request.path)
    hub = websub_hub()
    if link is None:
        link = page_link(request, home) if home else request.build_absolute_uri("/")
    generator = FORMATS[fmt](
        title=title,
        link=link,
        description=None,
        language=get_language(),
        feed_url=self_url,
        feed_guid=self_url,
        author_name=settings.WAGTAIL_SITE_NAME,
        hub_url=hub,
    )
    for entry in entries:
        if entry["link"]:  # a page that no site serves has no URL to give
            generator.add_item(**entry)
    # Into a string, then the response: the generator writes each tag and text on its own,
    # and each HttpResponse.write() encodes and appends (a third of an Atom feed's CPU).
    text = io.StringIO()
    generator.write(text, "utf-8")
    response = HttpResponse(text.getvalue(), content_type=generator.content_type)
    if hub:
        response["Link"] = f'<{hub}>; rel="hub", <{self_url}>; rel="self"'
    return response


# What an entry shows (news_entry, and the URL from `url_path`): fewer columns to read and
# fewer fields to set on each of the FEED_LIMIT pages.
ENTRY_FIELDS = (
    "title",
    "summary",
    "url_path",
    "path",
    "depth",
    "first_published_at",
    "last_published_at",
    "agency__name",
    "topic__name",
)


def news_feed(request, fmt, title, home, items, subject):
    """The feed of `items` (`subject` names them: section, agency or topic). Its home's link
    and its entries are read once per generation of public content and address the request
    is for (scheme, host and port: the links are absolute, on the site they choose)."""

    def read():
        shown = (
            items.for_listing(request)
            .select_related(None)
            .select_related("agency", "topic")
            .only(*ENTRY_FIELDS)[:FEED_LIMIT]
        )
        return page_link(request, home), [news_entry(request, item) for item in shown]

    address = f"{request.build_absolute_uri('/')}:{request.get_port()}"
    link, entries = cached_by_generation(f"feed-entries:{subject}:{address}", read, request)
    return render_feed(request, fmt, title=title, home=home, entries=entries, link=link)


def live_section(request):
    """The live, public section, read once per generation of public content."""
    section = cached_by_generation(
        "feed-section",
        lambda: public_pages(CCHCSectionPage.objects.live(), request).first(),
        request,
    )
    if section is None:
        raise Http404
    return section


# Views --------------------------------------------------------------------------------


def section_news_feed(request, fmt):
    section = live_section(request)
    items = NewsItemPage.objects.descendant_of(section)
    return news_feed(request, fmt, _("CCHC news"), section, items, f"section:{section.pk}")


def agency_news_feed(request, fmt, code):
    agency = get_object_or_404(Agency.objects.active().select_related("index_page"), code=code)
    index = getattr(agency, "index_page", None)
    if index is None:
        raise Http404
    title = _("CCHC news — %(agency)s") % {"agency": agency.name}
    items = NewsItemPage.objects.child_of(index)
    return news_feed(request, fmt, title, index, items, f"agency:{index.pk}")


def topic_news_feed(request, fmt, slug):
    topic = get_object_or_404(Topic, slug=slug)
    section = live_section(request)
    items = NewsItemPage.objects.descendant_of(section).filter(topic=topic)
    title = _("CCHC news — topic: %(topic)s") % {"topic": topic.name}
    return news_feed(request, fmt, title, section, items, f"topic:{section.pk}:{topic.pk}")


# For the WebSub ping and autodiscovery ---------------------------------------------------


def feed_urls(page, feeds) -> list[str]:
    """The absolute URLs, in both formats, of `feeds` ((url name, url kwargs)) showing `page`.

    Built on settings.WAGTAILADMIN_BASE_URL, the same URLs the feeds give as `rel="self"`.
    Empty for a page that is not live or is private: no feed shows it.
    """
    if not page.live or page.get_view_restrictions().exists():
        return []
    return [feed_url(name, fmt, **kwargs) for name, kwargs in feeds for fmt in FORMATS]


def feed_urls_for_page(page) -> list[str]:
    """The absolute URLs of every news feed (Atom and JSON) that the published `page` is in."""
    page = page.specific
    if not isinstance(page, NewsItemPage):
        return []
    return feed_urls(page, feeds_of(page))


def feeds_of(item):
    """(url name, url kwargs) of the news feeds that show `item`."""
    feeds = [("cchc_news:feed_news", {})]
    if item.agency is not None and item.agency.active:
        feeds.append(("cchc_news:feed_agency", {"code": item.agency.code}))
    if item.topic is not None:
        feeds.append(("cchc_news:feed_topic", {"slug": item.topic.slug}))
    return feeds


def autodiscovery_links(advertised):
    """(media type, title, relative URL) of each feed in `advertised` ((title, url name)), in
    both formats; a feed that cannot be reversed (a URLconf without it) is left out."""
    links = []
    for title, name in advertised:
        for fmt, media_type in MEDIA_TYPES.items():
            try:
                links.append((media_type, title, reverse(name, kwargs={"fmt": fmt})))
            except NoReverseMatch:
                continue
    return links
