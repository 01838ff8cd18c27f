"""Which query parameters a public response depends on, declared by the code that reads them.

The page cache (cchc_news.public.page_cache) keys an entry by the path and the parameters
named in CCHC_PAGE_CACHE_PARAMETERS only, so that `?utm_source=...`, `?fbclid=...` or any
made-up parameter neither creates an entry nor misses one. That is only right for a response
that says so: a view (or a page) calls `declare_query(request, ...)` with the canonical value
of each parameter it used, and the response is stored only when those are exactly the
request's (so `?page=abc`, `?page=1` or an unknown agency code never add entries). A response
that declares nothing is stored only for the bare URL, as before.

This module imports nothing of the app: the models declare through it too.
"""

from functools import wraps

ATTRIBUTE = "cchc_query_parameters"


def declare_query(request, **parameters):
    """Declare that the response to `request` depends on the query string only through
    `parameters`, given by their canonical values (None or "": the default, so absent).

    Calls add up; a call without parameters declares that the response ignores the query
    string. The response must then not show any other parameter (links included).
    """
    declared = getattr(request, ATTRIBUTE, None) or {}
    for name, value in parameters.items():
        if value not in (None, ""):
            declared[name] = str(value)
    setattr(request, ATTRIBUTE, declared)


def declared_query(request):
    """{name: canonical value} declared for `request`, or None if nothing was declared."""
    return getattr(request, ATTRIBUTE, None)


class DeclaresQueryMixin:
    """For a page model: its page ignores the query string, except for what the code that
    renders it declares (pagination, filters)."""

    def serve(self, request, *args, **kwargs):
        declare_query(request)
        return super().serve(request, *args, **kwargs)


def ignores_query(view):
    """Wrap a view whose response ignores the query string (robots.txt, a feed)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        declare_query(request)
        return view(request, *args, **kwargs)

    return wrapper


def sitemap_query(view):
    """Wrap Django's (or Wagtail's) sitemap view, which reads `?p=` (the page of a sitemap
    too long for one): declared as a plain number, absent for the first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        text = request.GET.get("p", "")
        number = int(text) if text.isascii() and text.isdigit() else None
        declare_query(request, p=number if number and number > 1 else None)
        return view(request, *args, **kwargs)

    return wrapper
