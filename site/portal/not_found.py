"""The portal's own "page not found" page with DEBUG on too (`make run`).

With DEBUG on, Django answers a missing page with its technical page (URL patterns, in
English) instead of the 404.html the site shows in production: the demo, where a Department
first sees the portal, then looked unfinished. The technical page helps little here, since
Wagtail's catch-all pattern answers nearly every path.
"""

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found


class PortalNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No URL pattern matched: Django's handler built the response, the technical page
        # when DEBUG is on (without it, 404.html already).
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        """A view's Http404 (a page that does not exist), as DEBUG off renders it."""
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
