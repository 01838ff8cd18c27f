"""A server-side cache of whole public responses for anonymous visitors, purged on change.

Anonymous GET/HEAD requests to the public site (pages, feeds, sitemap.xml, robots.txt) are
answered from the Django cache (Redis in production) for CCHC_PAGE_CACHE_SECONDS. Whoever
may be logged in (a session cookie, an Authorization header) always gets a fresh response
and never stores one, so an editor's userbar or preview cannot reach visitors.

Purging is a generation counter kept in the cache and part of every entry's key: bumping
it makes every stored response unreachable at once (they expire on their own). Content
changes bump it through the signal handlers in cchc_news.signal_handlers.

The cache is an optimisation only: any cache error is logged and the request is served
without it.
"""

import hashlib
import logging
import time
from functools import cache as memoize

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import cc_delim_re

from .. import conf

logger = logging.getLogger(__name__)

GENERATION_KEY = "cchc:page-cache:generation"
ENTRY_KEY = "cchc:page-cache:v1:{generation}:{digest}"  # v1: the format of freeze()
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


def new_generation():
    # A time-based start: should Redis lose the counter (eviction, restart), the new one
    # cannot come back to a number that old entries are still stored under.
    return time.time_ns() // 1000


def current_generation():
    store = page_store()
    generation = store.get(GENERATION_KEY)
    if generation is None:
        store.add(GENERATION_KEY, new_generation(), timeout=None)
        generation = store.get(GENERATION_KEY)
    return generation


def bump_generation():
    store = page_store()
    try:
        store.incr(GENERATION_KEY)
    except ValueError:  # no counter yet (or it was evicted): start a new one
        store.add(GENERATION_KEY, new_generation(), timeout=None)


def purge():
    """Make every cached response stale: now, and again once the transaction commits.

    The second bump covers a request that read the old content while the change was not
    yet committed and stored it after the first bump.
    """
    _bump_safely()
    if transaction.get_connection().in_atomic_block and not _purge_pending():
        transaction.on_commit(_bump_safely)


def _purge_pending():
    """An after-commit bump is queued already.

    A queued callback is only dropped if a savepoint still open rolls back, which would drop
    a new one as well: one per transaction is enough, however many rows change.
    """
    connection = transaction.get_connection()
    return any(func is _bump_safely for _sids, func, _robust in connection.run_on_commit)


def _bump_safely():
    try:
        bump_generation()
    except Exception as error:  # a cache outage must not fail the save that triggered it
        logger.warning("Could not purge the page cache: %r", error)


@memoize
def public_models():
    """The models whose rows show on public pages, feeds or downloads.

    Not renditions (rendering a page creates them) nor revisions (a draft is not public;
    publishing one saves the page).
    """
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

    from ..models import Agency, AgencyKind, Campaign, Topic

    return (
        Page,
        PageViewRestriction,
        CollectionViewRestriction,
        Site,
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


def entry_key(url, generation):
    digest = hashlib.sha256(url.encode()).hexdigest()
    return ENTRY_KEY.format(generation=generation, digest=digest)


def freeze(response):
    return (response.status_code, list(response.items()), response.content)


def thaw(entry):
    status, headers, content = entry
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
        url = request.build_absolute_uri()  # may refuse a bad Host: not a cache error
        try:
            key = entry_key(url, current_generation())
            entry = page_store().get(key)
            response = thaw(entry) if entry is not None else None
        except Exception as error:
            logger.warning("Page cache unavailable, serving without it: %r", error)
            return self.get_response(request)
        if response is not None:
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        # A HEAD response may come without its body: only a GET fills the cache.
        if request.method == "GET" and response_is_cacheable(request, response):
            save_entry(key, response, seconds)
        response["X-Cache"] = "MISS"
        return response


def save_entry(key, response, seconds):
    try:
        page_store().set(key, freeze(response), timeout=seconds)
    except Exception as error:
        logger.warning("Could not store a response in the page cache: %r", error)
