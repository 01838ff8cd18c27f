"""The page cache's WSGI front door: a hit is answered before Django builds a request.

portal.wsgi.application is what gunicorn serves; a hit there must not pay for Django's request
machinery (signals, the middleware chain, a response object), yet answer exactly what the
middleware would, and leave everything else to Django.
"""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from cchc_news.public import page_cache, page_cache_wsgi
from portal.request_id import HEADER as REQUEST_ID

pytestmark = pytest.mark.django_db


def wsgi_get(path, method="GET", **extra):
    """(status, headers, body, whether Django saw a request) from portal.wsgi.application."""
    from portal.wsgi import application

    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD=method, **extra)
    started = []

    def started_receiver(**kwargs):
        started.append(kwargs)

    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=headers)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(started_receiver)
    try:
        chunks = application(environ, start_response)
        body = b"".join(chunks)
        getattr(chunks, "close", lambda: None)()
    finally:
        request_started.disconnect(started_receiver)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], dict(answer["headers"]), body, bool(started)


def test_the_served_application_has_the_front_door():
    from portal.wsgi import application

    assert isinstance(application, page_cache_wsgi.PageCacheApplication)


def test_a_hit_is_answered_without_django_and_as_the_middleware_answers(section):
    client = Client()
    assert client.get(section.url)["X-Cache"] == "MISS"
    middleware_hit = client.get(section.url)
    assert middleware_hit["X-Cache"] == "HIT"

    status, headers, body, django_ran = wsgi_get(section.url)
    assert not django_ran
    assert status == "200 OK"
    assert body == middleware_hit.content
    assert headers.pop(REQUEST_ID) and middleware_hit.has_header(REQUEST_ID)
    expected = {name: value for name, value in middleware_hit.items() if name != REQUEST_ID}
    assert headers == expected
    assert headers["X-Content-Type-Options"] == "nosniff"  # added by SecurityMiddleware


def test_a_hit_keeps_a_sane_incoming_request_id(section):
    Client().get(section.url)
    _status, headers, _body, _ran = wsgi_get(section.url, HTTP_X_REQUEST_ID="proxy-42")
    assert headers[REQUEST_ID] == "proxy-42"
    _status, headers, _body, _ran = wsgi_get(section.url, HTTP_X_REQUEST_ID="bad id\r\nX: 1")
    assert len(headers[REQUEST_ID]) == 32


def test_head_and_declared_parameters_are_answered_at_the_door(section, agency_a):
    listing = section.url + "tin-bai/"
    Client().get(listing, {"agency": agency_a.code})
    status, headers, body, django_ran = wsgi_get(
        listing, method="HEAD", QUERY_STRING=f"agency={agency_a.code}&utm_source=zalo"
    )
    assert (status, headers["X-Cache"], django_ran) == ("200 OK", "HIT", False)


def test_a_miss_goes_to_django_which_reuses_the_doors_lookup(section, monkeypatch):
    reads = []
    real = page_cache.page_store
    monkeypatch.setattr(page_cache, "page_store", lambda: reads.append(1) or real())
    status, headers, _body, django_ran = wsgi_get(section.url)
    assert (status, headers["X-Cache"], django_ran) == ("200 OK", "MISS", True)
    assert len(reads) == 2  # looked up once, at the door; then stored
    status, headers, _body, django_ran = wsgi_get(section.url)
    assert (headers["X-Cache"], django_ran) == ("HIT", False)


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/", {"REQUEST_METHOD": "POST"}),
        ("/", {"HTTP_COOKIE": "sessionid=abc"}),
        ("/", {"HTTP_AUTHORIZATION": "Basic eDp5"}),
        ("/admin/", {}),
        ("/static/cchc_news/public.css", {}),
        ("/media/original_images/x.png", {}),
        ("/healthz", {}),
    ],
)
def test_what_is_not_for_the_cache_is_not_looked_up(section, monkeypatch, path, extra):
    monkeypatch.setattr(page_cache, "page_store", pytest.fail)
    extra = {"REQUEST_METHOD": "GET", **extra}
    _status, headers, _body, django_ran = wsgi_get(
        path, method=extra.pop("REQUEST_METHOD"), **extra
    )
    assert django_ran
    assert "X-Cache" not in headers


def test_a_host_that_is_not_allowed_is_refused_by_django(section):
    Client().get(section.url)
    status, headers, _body, django_ran = wsgi_get(section.url, HTTP_HOST="evil.example")
    assert status.startswith("400") and django_ran
    assert "X-Cache" not in headers


def test_a_broken_cache_leaves_the_request_to_django(section, monkeypatch):
    Client().get(section.url)

    def broken():
        raise ConnectionError("the database is away")

    monkeypatch.setattr(page_cache, "page_store", broken)
    status, headers, _body, django_ran = wsgi_get(section.url)
    assert status == "200 OK" and django_ran


def test_a_hit_at_the_door_builds_no_response_object(section, monkeypatch):
    """The door writes the stored status, headers and body itself: an HttpResponse (its
    header validation, charset handling) is what the middleware needs, not a hit."""
    from django.http import response as django_response

    Client().get(section.url)
    built = []
    real_init = django_response.HttpResponseBase.__init__

    def counting_init(self, *args, **kwargs):
        built.append(type(self))
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(django_response.HttpResponseBase, "__init__", counting_init)
    status, headers, _body, django_ran = wsgi_get(section.url)
    assert (status, headers["X-Cache"], django_ran) == ("200 OK", "HIT", False)
    assert built == []
