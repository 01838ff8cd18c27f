"""A server-side cache of whole public responses for anonymous visitors, purged on change.

Anonymous GET/HEAD requests to the public site (pages, feeds, sitemap.xml, robots.txt) are
answered from the Django cache (Redis in production) for CCHC_PAGE_CACHE_SECONDS. Whoever
may be logged in (a session cookie, an Authorization header) always gets a fresh response
and never stores one, so an editor's userbar or preview cannot reach visitors.

Purging is a generation kept in the database (cchc_news.models.ContentChange) and part of
every entry's key: a change of public content moves it on in the change's own transaction,
which makes every stored response unreachable at once (they expire on their own). Content
changes move it through the signal handlers in cchc_news.signal_handlers. Being in the
database, a purge cannot be lost while Redis is down or hung: an entry stored before the
outage is never served after a change made during it. A hit costs one small query and one
Redis GET.

An entry's key holds the path and only the query parameters of CCHC_PAGE_CACHE_PARAMETERS;
a response is stored only if its view declared exactly those (cchc_news.query_parameters), so
`?utm_source=...` shares the page's entry and `?page=abc` creates none.

The cache is an optimisation only: any cache error is logged and the request is served
without it.
"""

import hashlib
import logging
from functools import cache as memoize

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import cc_delim_re
from django.utils.encoding import escape_uri_path
from django.utils.http import urlencode

from .. import conf
from ..generation_cache import remember_generation
from ..models import ContentChange
from ..query_parameters import declared_query

logger = logging.getLogger(__name__)

ENTRY_KEY = "cchc:page-cache:v2:{generation}:{digest}"  # v2: the format of freeze()
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
    return caches[conf.get("CCHC_PAGE_CACHE_ALIAS")]


@memoize
def private_prefixes():
    """The admin and the document downloads (each checks who asks): never cached."""
    document = reverse("wagtaildocs_serve", args=(0, "_"))
    return (reverse("wagtailadmin_home"), document[: -len("0/_")])


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


def entry_key(url, generation):
    digest = hashlib.sha256(url.encode()).hexdigest()
    return ENTRY_KEY.format(generation=generation, digest=digest)


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


def freeze(request, response):
    declared = declared_query(request) is not None
    return (declared, response.status_code, list(response.items()), response.content)


def thaw(request, entry):
    """The stored response, or None if it may not answer `request`: an entry of a page that
    declared nothing answers only the bare URL."""
    declared, status, headers, content = entry
    if not declared and request.META.get("QUERY_STRING"):
        return None
    response = HttpResponse(content, status=status)
    del response["Content-Type"]  # the stored headers have the original one
    for name, value in headers:
        response[name] = value
    return response


# Middleware ---------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serves and stores anonymous public responses; X-Cache says HIT or MISS.

    Place it high in MIDDLEWARE (after WhiteNoise): it then answers before sessions and
    authentication run, and sees the cookies and headers that they add to a response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if not seconds or not request_is_cacheable(request):
            return self.get_response(request)
        query = key_query(request)
        url = cache_url(request, query)  # may refuse a bad Host: not a cache error
        try:
            generation = current_generation()
            # The values derived for this page (cchc_news.generation_cache) reuse it.
            remember_generation(request, generation)
            key = entry_key(url, generation)
            entry = page_store().get(key)
            response = thaw(request, entry) if entry is not None else None
        except Exception as error:
            logger.warning("Page cache unavailable, serving without it: %r", error)
            return self.get_response(request)
        if response is not None:
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        # A HEAD response may come without its body: only a GET fills the cache.
        if (
            request.method == "GET"
            and response_is_cacheable(request, response)
            and storable_under(request, query)
        ):
            save_entry(key, freeze(request, response), seconds)
        response["X-Cache"] = "MISS"
        return response


def save_entry(key, entry, seconds):
    try:
        page_store().set(key, entry, timeout=seconds)
    except Exception as error:
        logger.warning("Could not store a response in the page cache: %r", error)
