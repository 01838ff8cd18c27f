"""Absolute links for e-mails, feeds and deliveries, where there is no request."""

from urllib.parse import urlsplit

from django.conf import settings


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
