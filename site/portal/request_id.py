"""Every request gets an id: in each of its log lines and in the response's X-Request-ID.

An incoming X-Request-ID (set by the proxy in front, or by a client) is kept when it looks
like an id: at most 64 letters, digits, dots, underscores and hyphens. It is only a label
for finding a request's lines, never trusted for anything else, so any client may set one;
anything else (too long, spaces, line breaks, quotes that could forge a log line or a
header) is replaced by a fresh one.
"""

import re
import uuid

from .log_context import bind_request, unbind_request

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"  # HEADER as WSGI names it
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_from(value):
    """`value` if it is a sane id, else a new one (32 hex digits)."""
    if value and _SANE.fullmatch(value):
        return value
    return uuid.uuid4().hex


def request_id_header(environ):
    """The header a page cache hit answered by cchc_news's WSGI front door carries (the
    middleware below does not run for it)."""
    return [(HEADER, request_id_from(environ.get(META_KEY)))]


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every other middleware's lines carry the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # META rather than request.headers, which copies every header of the request first.
        request.request_id = request_id_from(request.META.get(META_KEY))
        token = bind_request(request)
        try:
            response = self.get_response(request)
        finally:
            unbind_request(token)
        response[HEADER] = request.request_id
        return response
