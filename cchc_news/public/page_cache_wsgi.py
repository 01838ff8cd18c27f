"""The page cache's front door: a WSGI wrapper that answers hits before Django runs.

A hit through Django costs its request machinery: the request_started and request_finished
signals (which check every database connection), each middleware ahead of the cache, an
HttpResponse and its close(). Around half of a hit's CPU, on a page whose answer is already
in Redis. The front door builds only Django's WSGIRequest (for the same Host validation,
scheme, path and cookies as the middleware), asks page_cache.look_up() and, on a hit, writes
the stored response itself; anything else goes to Django with the lookup in the environ, so
that the middleware neither repeats it nor needs the front door (the test client, ASGI).

What a hit carries is what the middleware stored: it sits ahead of SecurityMiddleware, whose
headers are stored with the entry. Headers that belong to the request (a request id, say) come
from the host's `request_headers(environ)`, as its middleware ahead of the cache adds them.

Usage (the host's wsgi.py):
    application = PageCacheApplication(get_wsgi_application(), request_headers=...)
"""

import logging

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
        response = self.hit(environ)
        if response is None:
            return self.application(environ, start_response)
        headers = [*response.items(), *self.request_headers(environ)]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]

    def hit(self, environ):
        """The stored response for `environ`, or None (the lookup then waits in the environ)."""
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
        if lookup is None or lookup.response is None:
            return None
        lookup.response["X-Cache"] = "HIT"
        return lookup.response
