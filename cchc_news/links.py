"""Absolute links for e-mails, feeds and deliveries, where there is no request."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def absolute_url(url):
    """`url` on settings.WAGTAILADMIN_BASE_URL, unless it is already absolute.

    Wagtail gives page paths when the portal serves one site and full URLs (from the Site
    record) when it serves several: only a path gets the base in front.
    """
    if urlsplit(url).scheme:
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


class SiteRootPathsHolder:
    """What `Page.get_url(request=...)` may be given where there is no request.

    Wagtail keeps the site root paths it looks up (a cache GET: a Redis round trip) on the
    request, or else on each page: one holder shared by many pages makes it one look-up for
    all of them. No current site (`_wagtail_site`, as Site.find_for_request keeps it): the
    URLs are those without a request, paths when the portal serves one site.
    """

    _wagtail_site = None


def absolute_page_url(page, holder=None):
    """The absolute URL of `page`; pass one SiteRootPathsHolder for many pages."""
    return absolute_url(page.get_url(request=holder))


def page_urls(page, request=None):
    """(`{% pageurl page %}`, `{% fullpageurl page %}`) with one URL look-up instead of two:
    Wagtail's get_url() and get_full_url() on one get_url_parts(); (None, None) for a page
    that no site serves."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None, None
    site_id, root_url, page_path = parts
    current_site = Site.find_for_request(request) if request else None
    # As get_url(): a path on the request's site or when the portal serves one site.
    sites = {root_path[0] for root_path in page._get_site_root_paths(request)}
    local = (current_site is not None and site_id == current_site.id) or len(sites) == 1
    return (page_path if local else root_url + page_path), root_url + page_path
