"""Errors to Sentry when SENTRY_DSN is set: a local HTTP receiver stands in for Sentry."""

import gzip
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
import sentry_sdk.transport as sentry_transport
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from portal.log_context import bind_request, unbind_request
from portal.sentry import MISSING, init_sentry
from tests.factories import UserFactory
from tests.portal.processes import run_python

ROOT = Path(__file__).resolve().parents[2]


class Receiver(ThreadingHTTPServer):
    """Keeps the envelopes posted to it (the SDK posts them to /api/<project>/envelope/)."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), EnvelopeHandler)
        self.envelopes = []

    def events(self):
        """The event items of every envelope received, with the raw text of their envelope."""
        found = []
        for path, body in self.envelopes:
            assert path == "/api/1/envelope/"
            lines = body.splitlines()
            for header, payload in zip(lines[1:], lines[2:], strict=False):
                if json.loads(header).get("type") == "event":
                    found.append((json.loads(payload), body))
        return found


class EnvelopeHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        # The SDK compresses with brotli where it can import it (the module it imported, or
        # None), else with gzip.
        encoding = self.headers.get("Content-Encoding")
        if encoding == "br":
            body = sentry_transport.brotli.decompress(body)
        elif encoding == "gzip":
            body = gzip.decompress(body)
        self.server.envelopes.append((self.path, body.decode()))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def sentry(receiver):
    environ = {
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{receiver.server_address[1]}/1",
        "SENTRY_ENVIRONMENT": "staging",
        "SENTRY_RELEASE": "cchc@1.2.3",
    }
    assert init_sentry(environ) is True
    yield receiver
    # The SDK's patches stay, idle without a client: later tests report nothing.
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def wsgi_get(path, **environ):
    """GET `path` through Django's WSGI handler, as gunicorn calls it (Sentry wraps it)."""
    environ |= {"PATH_INFO": path, "QUERY_STRING": "q=1", "HTTP_HOST": "localhost"}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    # As Django's test client does: the test's transaction must outlive the request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        b"".join(WSGIHandler()(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"]


@pytest.mark.urls("tests.portal.logging_urls")
def test_an_error_in_a_view_reaches_sentry_with_the_request_id_and_no_personal_data(
    client, db, sentry
):
    user = UserFactory(email="nguyen.van.a@example.vn", first_name="Văn A")
    client.force_login(user)
    session = client.cookies["sessionid"].value
    cookie = f"sessionid={session}; csrftoken=csrf-secret-value"

    status, headers = wsgi_get("/fail/", HTTP_COOKIE=cookie, HTTP_X_REQUEST_ID="req-sentry-1")
    sentry_sdk.flush()

    assert status.startswith("500") and headers["X-Request-ID"] == "req-sentry-1"
    [(event, envelope)] = [
        (event, text) for event, text in sentry.events() if event.get("exception")
    ]
    assert event["exception"]["values"][-1]["value"] == "the view failed"
    assert event["tags"]["request_id"] == "req-sentry-1"
    assert event["environment"] == "staging" and event["release"] == "cchc@1.2.3"
    assert event["request"]["url"].endswith("/fail/")
    assert event["request"].get("cookies") in (None, {})
    assert event["request"]["headers"].get("Cookie") in (None, "[Filtered]")
    assert event["request"]["query_string"] == "q=1"
    for secret in (user.email, session, "csrf-secret-value", "Văn A"):
        assert secret not in envelope
    assert "email" not in event.get("user", {})


def test_an_error_logged_in_a_request_reaches_sentry(sentry):
    class Request:
        request_id = "req-sentry-2"

    token = bind_request(Request())
    try:
        logging.getLogger("tests.portal.test_sentry").error("the feed did not answer")
        logging.getLogger("tests.portal.test_sentry").warning("only a breadcrumb")
    finally:
        unbind_request(token)
    sentry_sdk.flush()

    [(event, _envelope)] = sentry.events()
    assert event["logentry"]["message"] == "the feed did not answer"
    assert event["level"] == "error" and event["tags"]["request_id"] == "req-sentry-2"


def test_without_sentry_dsn_nothing_starts():
    assert init_sentry({"SENTRY_DSN": " "}) is False
    assert not sentry_sdk.get_client().is_active()


# ---- from the settings, in a new process ----------------------------------------------

# Imports of sentry_sdk fail as if it were not installed.
WITHOUT_SENTRY_SDK = "import sys; sys.modules['sentry_sdk'] = None; "
REPORT = (
    "import django; django.setup(); import sys; from django.conf import settings; "
    "print('sentry:', settings.SENTRY_ENABLED, 'sentry_sdk' in sys.modules and "
    "sys.modules['sentry_sdk'] is not None and sys.modules['sentry_sdk'].get_client().is_active())"
)


def test_the_settings_start_sentry_when_sentry_dsn_is_set():
    result = run_python(REPORT, SENTRY_DSN="http://publickey@127.0.0.1:9/1")
    assert result.stdout.strip() == "sentry: True True", result.stderr


def test_the_portal_runs_without_sentry_sdk():
    result = run_python(WITHOUT_SENTRY_SDK + REPORT)
    assert result.stdout.strip() == "sentry: False False", result.stderr


def test_sentry_dsn_without_sentry_sdk_is_refused_at_start():
    result = run_python(WITHOUT_SENTRY_SDK + REPORT, SENTRY_DSN="http://publickey@127.0.0.1:9/1")
    assert result.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {MISSING}" in result.stderr
