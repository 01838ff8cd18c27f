"""One look-up of the site root paths for many pages whose URLs are built without a request.

Without a request, Wagtail finds a page's URL through `Site.get_site_root_paths()` once per
page instance (a cache round trip each, Redis in production). A bulletin builds the URLs of
all its items (its page, PDF and delivery payload): one look-up serves them all, kept where
Wagtail itself keeps it for a page (`_get_site_root_paths`).
"""

from wagtail.models import Site


def share_site_root_paths(pages):
    """Give every page of `pages` the same site root paths, looked up once."""
    pages = list(pages)
    if pages:
        root_paths = Site.get_site_root_paths()
        for page in pages:
            page._wagtail_cached_site_root_paths = root_paths
    return pages
