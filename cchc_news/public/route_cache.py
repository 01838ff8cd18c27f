"""Wagtail's routing of an anonymous visitor's request, read once per generation of public
content (cchc_news.generation_cache) instead of on every page the page cache does not answer.

Wagtail's view reads the request's Site (with its root page), the root page again as its
specific page, then each page of the URL below it (cchc_news.models.routing): a query each,
on every uncached view. Each changes only with public content, which moves the generation on
(Site and Page are public models: cchc_news.public.page_cache.public_models), so the
generation's values are those Wagtail would read.

Only for the requests the page cache would serve (anonymous GET and HEAD, outside the admin):
a signed-in editor's page carries its draft state, which changes without moving the
generation on (see cchc_news.models.routing.CACHED_ROUTING_ATTR).
"""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from ..generation_cache import cached_by_generation
from ..identity import keep_identity, read_identity
from ..models.routing import CACHED_ROUTING_ATTR
from .page_cache import request_is_cacheable

# Wagtail keeps the request's Site on it under this name (Site.find_for_request).
WAGTAIL_SITE_ATTR = "_wagtail_site"
# And the sites' root paths (Page._get_site_root_paths), which every page URL reads.
WAGTAIL_ROOT_PATHS_ATTR = "_wagtail_cached_site_root_paths"


class RouteCacheMiddleware:
    """Hands Wagtail the request's Site, and its routing the pages, of the generation.

    Place it after the page cache (a hit needs neither) and before the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        setattr(request, CACHED_ROUTING_ATTR, True)
        site_of(request)
        return self.get_response(request)


def site_of(request):
    """Keep the request's Site (as Site.find_for_request would) from the generation's cache,
    its root page read as its specific page already, and with it the sites' root paths that
    the page's URLs are made from (Site.get_site_root_paths: otherwise a read of Wagtail's
    cache on each request; a Site's or a page's change moves the generation on as it clears
    that cache), and the Site's Department's identity that every page shows (identity_for:
    its setting is public content too). A Host that ALLOWED_HOSTS refuses is left to Django
    (400) and never becomes a key."""
    try:
        request.get_host()
    except DisallowedHost:
        return
    # What Site._find_for_request matches on.
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    site, root_paths, identity = cached_by_generation(
        f"request-site:{hostname}:{port}", lambda: read_site(request), request
    )
    setattr(request, WAGTAIL_SITE_ATTR, site)
    setattr(request, WAGTAIL_ROOT_PATHS_ATTR, root_paths)
    if identity is not None:
        keep_identity(request, identity)


def read_site(request):
    """The request's Site, the sites' root paths and the Site's Department's identity."""
    site = Site._find_for_request(request)
    identity = None
    if site is not None:
        # Wagtail's view routes from site.root_page.localized.specific: read it once here.
        site.root_page.localized.specific  # noqa: B018 (cached_property, kept on the page)
        identity = read_identity(site)
    return site, Site.get_site_root_paths(), identity
