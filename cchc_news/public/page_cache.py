"""A server-side cache of whole public responses for anonymous visitors, purged on change.

Anonymous GET/HEAD requests to the public site (pages, feeds, sitemap.xml, robots.txt) are
answered from the Django cache (Redis in production) for CCHC_PAGE_CACHE_SECONDS. Whoever
may be logged in (a session cookie, an Authorization header) always gets a fresh response
and never stores one, so an editor's userbar or preview cannot reach visitors.

Purging is a generation kept in the database (cchc_news.models.ContentChange) and stored in
every entry: a change of public content moves it on in the change's own transaction, which
makes every stored response stale at once (they expire on their own, or are replaced).
Content changes move it through the signal handlers in cchc_news.signal_handlers. Being in
the database, a purge cannot be lost while Redis is down or hung: an entry stored before the
outage is never served after a change made during it. Redis holds a one-second lease of the
generation (cchc_news.public.generation_lease), so that a hit is one MGET of the lease and
the entry, and no query; or, with the worker's copy of the entry (cchc_news.public.
worker_copies), one GET of the lease, or none while the worker's tracked copy of the lease
holds (cchc_news.public.tracked_lease: Redis pushes its change).

An entry's key holds the path and only the query parameters of CCHC_PAGE_CACHE_PARAMETERS;
a response is stored only if its view declared exactly those (cchc_news.query_parameters), so
`?utm_source=...` shares the page's entry and `?page=abc` creates none.

The cache is an optimisation only: any cache error is logged and the request is served
without it.

Under a WSGI server a hit is answered before Django builds its request at all, by the front
door in cchc_news.public.page_cache_wsgi, with look_up() below; the middleware answers what
reaches Django (the test client, ASGI) and stores what the views return.
"""

import hashlib
import logging
import time
from functools import cache as memoize
from typing import NamedTuple

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import cc_delim_re
from django.utils.encoding import escape_uri_path
from django.utils.http import urlencode

from .. import conf
from ..generation_cache import remember_generation, serving, store
from ..models import ContentChange
from ..query_parameters import declared_query
from . import generation_lease, worker_copies

logger = logging.getLogger(__name__)

ENTRY_KEY = "cchc:page-cache:v4:{digest}"  # v4: the format of freeze()
CACHEABLE_TYPES = {"text/html", "application/atom+xml", "application/feed+json"}
CACHEABLE_PATHS = {"/sitemap.xml", "/robots.txt"}
# Cache-Control directives by which a view says that its response is not for everyone.
UNSHAREABLE = {"private", "no-cache", "no-store"}
# Page fields that a draft, a revision, a workflow or a lock changes: not what visitors see.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)
# Figures Wagtail fills in on a document or image when first asked: nothing visible changes.
FILE_METADATA_FIELDS = frozenset({"file_size", "file_hash"})


def cache_seconds():
    return conf.get("CCHC_PAGE_CACHE_SECONDS")


def page_store():
    return store()


@memoize
def private_prefixes():
    """Paths never looked up: the admin and the document downloads (each checks who asks),
    the static and media files (served by others, never stored), and those the host names in
    CCHC_PAGE_CACHE_BYPASS_PREFIXES (its health probes)."""
    document = reverse("wagtaildocs_serve", args=(0, "_"))
    served_elsewhere = (getattr(settings, "STATIC_URL", None), getattr(settings, "MEDIA_URL", None))
    return (
        reverse("wagtailadmin_home"),
        document[: -len("0/_")],
        *(url for url in served_elsewhere if url and url.startswith("/")),
        *conf.get("CCHC_PAGE_CACHE_BYPASS_PREFIXES"),
    )


# Purging ------------------------------------------------------------------------------


def current_generation():
    """The generation of public content (cchc_news.models.ContentChange): one small query."""
    return ContentChange.generation()


def purge():
    """Make every cached response stale, in the current transaction.

    The new generation becomes visible to other requests exactly when the change does (at
    commit), and is lost with it on a rollback: no purge can be lost while Redis is away,
    and a request that read the old content before the commit stored it under the old
    generation. Each call counts (not one per transaction): a response stored between two
    changes of one transaction, by its own connection, must not survive the second.
    """
    ContentChange.record()
    generation_lease.withdraw()
    generation_lease.lend_after_commit()


@memoize
def public_models():
    """The models whose rows show on public pages, feeds or downloads.

    Not renditions (rendering a page creates them) nor revisions (a draft is not public;
    publishing one saves the page). Wagtail's settings are: the Department's identity is in
    every page's header and footer, and a host's own settings are read by its templates.
    """
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

    from ..models import Agency, AgencyKind, Campaign, Topic

    return (
        Page,
        PageViewRestriction,
        CollectionViewRestriction,
        Site,
        BaseSiteSetting,
        BaseGenericSetting,
        Agency,
        AgencyKind,
        Campaign,
        Topic,
        get_document_model(),
        get_image_model(),
    )


def changes_public_content(instance, update_fields=None):
    """Whether saving or deleting `instance` (only `update_fields`, if given) may change
    what visitors see."""
    if not isinstance(instance, public_models()):
        return False
    if update_fields:
        return not set(update_fields) <= DRAFT_FIELDS | FILE_METADATA_FIELDS
    return True


# What is cached -----------------------------------------------------------------------


def request_is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(private_prefixes())
    )


def response_is_cacheable(request, response):
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or getattr(request, "is_preview", False)
    ):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in CACHEABLE_TYPES and request.path not in CACHEABLE_PATHS:
        return False
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    # The key holds only the URL: a response that varies on anything else is not shared.
    varies = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    return not directives & UNSHAREABLE and varies <= {"", "cookie"}


def key_query(request):
    """The request's parameters that the cache keys by, sorted; empty ones (an unused filter
    of a submitted form) are the default, so absent."""
    if not request.META.get("QUERY_STRING"):
        return []  # most requests: no need to parse a query string
    names = conf.get("CCHC_PAGE_CACHE_PARAMETERS")
    return sorted((name, request.GET[name]) for name in set(names) if request.GET.get(name))


def cache_url(request, query):
    """The URL an entry is stored under: host, path and `query` (may refuse a bad Host)."""
    # What build_absolute_uri("/")[:-1] gives (get_host() validates the Host), without
    # parsing the URL again.
    url = f"{request.scheme}://{request.get_host()}{escape_uri_path(request.path)}"
    return f"{url}?{urlencode(query)}" if query else url


def entry_key(url):
    """One entry per URL: the generation it was rendered at is in it (freeze)."""
    return ENTRY_KEY.format(digest=hashlib.sha256(url.encode()).hexdigest())


def storable_under(request, query):
    """Whether the response may be stored under the key of `query`.

    A response that declared its parameters: when they are exactly `query` (so not for
    `?page=1`, `?page=abc` or an unknown agency, whose canonical form differs). One that
    declared nothing: only for a bare URL (it may read any parameter).
    """
    declared = declared_query(request)
    if declared is None:
        return not request.META.get("QUERY_STRING")
    return sorted(declared.items()) == query


def freeze(request, response, generation, seconds):
    """The entry: with the generation it was rendered at and when it expires (time.time()),
    which the workers' copies of it keep (cchc_news.public.worker_copies)."""
    declared = declared_query(request) is not None
    status, headers = response.status_code, list(response.items())
    return (generation, declared, time.time() + seconds, status, headers, response.content)


class StoredResponse(NamedTuple):
    """A response as an entry holds it: what the front door writes as it is."""

    status: int
    headers: list  # [(name, value)]: the view's response's, validated when it was built
    content: bytes

    def http_response(self):
        """The stored response as Django's (the middleware's hits)."""
        response = HttpResponse(self.content, status=self.status)
        del response["Content-Type"]  # the stored headers have the original one
        for name, value in self.headers:
            response[name] = value
        return response


def thaw(entry):
    """The worker's copy of a stored entry."""
    generation, declared, expires, status, headers, content = entry
    stored = StoredResponse(status, headers, content)
    return worker_copies.Copy(generation, declared, expires, stored)


def answer(request, copy, generation):
    """The copy's StoredResponse, or None if it may not answer `request`: one rendered at
    another generation, or of a page that declared nothing for a URL with a query."""
    if copy.generation != generation or (not copy.declared and request.META.get("QUERY_STRING")):
        return None
    return copy.stored


# Looking up -------------------------------------------------------------------------

# Where the front door leaves its lookup for the middleware (a key of the WSGI environ).
LOOKUP_KEY = "cchc_news.page_cache.lookup"


class Lookup(NamedTuple):
    """What the cache holds for a request: its entry's key and its query, the generation read,
    and the stored response (None on a miss)."""

    key: str
    query: list
    generation: int
    stored: StoredResponse | None


def look_up(request):
    """The cache's Lookup for `request`, or None if the request is not for the cache (or the
    cache is off or unavailable: logged). A bad Host raises DisallowedHost, as Django would.

    Done once per request: the front door leaves its lookup in the environ for the middleware.
    """
    known = request.META.get(LOOKUP_KEY)
    if known is not None or LOOKUP_KEY in request.META:
        return known
    if not cache_seconds() or not request_is_cacheable(request):
        return None
    query = key_query(request)
    url = cache_url(request, query)  # may refuse a bad Host: not a cache error
    key = entry_key(url)
    try:
        generation, stored = read(request, key)
    except Exception as error:
        logger.warning("Page cache unavailable, serving without it: %r", error)
        return None
    return Lookup(key, query, generation, stored)


def read(request, key):
    """(generation, StoredResponse or None) for the entry `key`.

    With the worker's copy of the entry, only the generation's lease is read (if the worker's
    tracked copy of it does not hold); without one the lease and the entry, in one MGET (after
    the lease, when the copy was of another generation).
    """
    store, lease_key = page_store(), generation_lease.LEASE_KEY
    copies = worker_copies.copies
    copy = copies.get(key)
    if copy is not None:
        generation = generation_lease.current(store)
        if copies.saw_generation(generation) and copy.generation == generation:
            return generation, answer(request, copy, generation)
        copies.discard(key)
    values = store.get_many([lease_key, key])
    generation = generation_lease.generation_from(values)
    copies.saw_generation(generation)
    entry = values.get(key)
    if entry is None:
        return generation, None
    copy = thaw(entry)
    if copy.generation == generation:
        copies.keep(key, copy)
    return generation, answer(request, copy, generation)


# Middleware ---------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serves and stores anonymous public responses; X-Cache says HIT or MISS.

    Place it high in MIDDLEWARE, before SecurityMiddleware and WhiteNoise: it then answers
    before sessions and authentication run, sees the cookies and headers that they add to a
    response, and stores the security headers with it (so the front door's hits have them).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Reads of derived values that are not given the request share its generation.
        with serving(request):
            return self.answer(request)

    def answer(self, request):
        lookup = look_up(request)
        if lookup is None:
            return self.get_response(request)
        if lookup.stored is not None:
            response = lookup.stored.http_response()
            response["X-Cache"] = "HIT"
            return response
        # The values derived for this page (cchc_news.generation_cache) reuse the generation.
        remember_generation(request, lookup.generation)
        response = self.get_response(request)
        # A HEAD response may come without its body: only a GET fills the cache.
        if (
            request.method == "GET"
            and response_is_cacheable(request, response)
            and storable_under(request, lookup.query)
        ):
            seconds = cache_seconds()
            save_entry(lookup.key, freeze(request, response, lookup.generation, seconds), seconds)
        response["X-Cache"] = "MISS"
        return response


def save_entry(key, entry, seconds):
    try:
        page_store().set(key, entry, timeout=seconds)
    except Exception as error:
        logger.warning("Could not store a response in the page cache: %r", error)
