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
