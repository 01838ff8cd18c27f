"""The page cache's front door: a WSGI wrapper that answers hits before Django runs.

A hit through Django costs its request machinery: the request_started and request_finished
signals (which check every database connection), each middleware ahead of the cache, an
HttpResponse and its close(). Around half of a hit's CPU, on a page whose answer is already
in Redis. The front door builds only Django's WSGIRequest (for the same Host validation,
scheme, path and cookies as the middleware), asks page_cache.look_up() and, on a hit, writes
the stored status, headers and body itself (no HttpResponse: its header checks were done when
the view's response was built); anything else goes to Django with the lookup in the environ,
so that the middleware neither repeats it nor needs the front door (the test client, ASGI).

What a hit carries is what the middleware stored: it sits ahead of SecurityMiddleware, whose
headers are stored with the entry. Headers that belong to the request (a request id, say) come
from the host's `request_headers(environ)`, as its middleware ahead of the cache adds them.

Usage (the host's wsgi.py):
    application = PageCacheApplication(get_wsgi_application(), request_headers=...)
"""

import logging
from functools import cache
from http.client import responses

from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.urls import set_script_prefix

from . import page_cache

logger = logging.getLogger(__name__)


class PageCacheApplication:
    def __init__(self, application, request_headers=None):
        self.application = application
        self.request_headers = request_headers or (lambda environ: [])

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        stored = self.hit(environ)
        if stored is None:
            return self.application(environ, start_response)
        headers = [*stored.headers, ("X-Cache", "HIT"), *self.request_headers(environ)]
        start_response(status_line(stored.status), headers)
        return [stored.content]

    def hit(self, environ):
        """The StoredResponse for `environ`, or None (the lookup then waits in the environ)."""
        try:
            set_script_prefix(get_script_name(environ))
            request = WSGIRequest(environ)
            lookup = page_cache.look_up(request)
        except DisallowedHost:
            return None  # Django refuses it, with its own logging
        except Exception:
            logger.exception("Page cache front door failed; Django answers")
            return None
        environ[page_cache.LOOKUP_KEY] = lookup
        return None if lookup is None else lookup.stored


@cache
def status_line(status):
    """`200 OK`, with the reason phrase that Django's response would give the status."""
    return f"{status} {responses.get(status, 'Unknown Status Code')}"
