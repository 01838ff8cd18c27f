"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

No browser is downloaded (`playwright install` needs the internet): Debian's Chromium comes
from scripts/system-deps.sh (elsewhere, point E2E_CHROMIUM at a Chromium). Screenshots and
axe-core results go to test-artifacts/, and a screenshot of the page when a test fails.

The tests are marked django_db(transaction=True, serialized_rollback=True): the live server
reads committed data, and the rows that migrations made (root page, site, groups) come back
for the tests that follow. Like every transactional test of the suite, they expect the
transactional tests before them to have left the database that way too.
"""

import contextlib
import os
import threading

import pytest
from django.db import connections
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from .artifacts import ARTIFACTS
from .content import build_portal

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
MOBILE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
TIMEOUT_MS = 15_000

failed_call = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[failed_call] = True
    return report


@pytest.fixture(scope="package")
def browser(django_db_setup, django_db_blocker):
    """One Chromium for all the browser tests, closed when they are done.

    Playwright's sync API keeps an asyncio loop marked as running in this thread while it
    is started. Django then takes the thread for an async one: it refuses database calls,
    and it looks up connections in per-context storage instead of the thread's, so the
    tests would get new connections, not the ones pytest-django prepared (which hold the
    data that serialized_rollback restores, and which the live server shares on SQLite).
    The loop is idle whenever test code runs (each Playwright call waits for its result),
    so the calls are safe: allow them and keep the prepared connections, for as long as
    the browser is up and no longer, so that the tests collected after these run as usual.
    """
    with django_db_blocker.unblock():
        prepared = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    for alias, connection in prepared.items():
        connections[alias] = connection  # stored for this context, now that a loop runs
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class InFlightRequests:
    """Wraps the live server's WSGI application to know when no request is being served.

    On SQLite the live server shares the tests' in-memory connection. A request still served
    when a test ends (an autosave or checklist update the page sent just before it closed)
    holds a transaction on that connection (every admin write is atomic), and the next test's
    set-up fails with "cannot start a transaction within a transaction". So each test closes
    the door and waits for the server to be idle before the database is reset. Closing matters
    as much as waiting: a request the page sent before it closed may still sit in the server's
    queue of connections, unseen by the count, and be served during the next test's set-up;
    while the door is closed it gets a 503 without touching the database.

    For the same reason, on SQLite (`serial`) the requests are served one at a time: two at
    once (the editing-session ping, the checklist update and an autosave, sent together by one
    page) would interleave their transactions on that one connection ("no such savepoint", a
    create form's record of its autosaved page read from a rolled-back state). PostgreSQL gives
    each server thread its own connection: requests run concurrently there, as in production.
    """

    def __init__(self, application, serial=False):
        self.application = application
        self.count = 0
        self.accepting = True
        self.changed = threading.Condition()
        self.one_at_a_time = threading.Lock() if serial else contextlib.nullcontext()

    def __call__(self, environ, start_response):
        with self.changed:
            if not self.accepting:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"Between two tests"]
            self.count += 1
        # Served until the server has written the body and closed it (request_finished, a
        # streamed file), not only until the application returns.
        self.one_at_a_time.__enter__()
        try:
            body = self.application(environ, start_response)
        except BaseException:
            self.done()
            raise
        return ClosingBody(body, self.done)

    def done(self):
        self.one_at_a_time.__exit__(None, None, None)
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def open(self):
        with self.changed:
            self.accepting = True

    def close_and_wait(self, timeout=TIMEOUT_MS / 1000):
        with self.changed:
            self.accepting = False
            if not self.changed.wait_for(lambda: self.count == 0, timeout):
                raise TimeoutError(f"The live server still serves {self.count} request(s)")


class ClosingBody:
    """A response body that calls `then` once the server has closed it."""

    def __init__(self, body, then):
        self.body = body
        self.then = then

    def __iter__(self):
        return iter(self.body)

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.then()


@pytest.fixture(scope="session")
def served(live_server):
    """The live server's in-flight requests (see InFlightRequests)."""
    server = live_server.thread.httpd
    if not isinstance(server.application, InFlightRequests):
        serial = connections["default"].vendor == "sqlite"
        server.application = InFlightRequests(server.application, serial=serial)
    DOOR.append(server.application)
    return server.application


DOOR = []  # the live server's InFlightRequests, once it runs


@pytest.fixture(autouse=True)
def between_tests(request):
    """The live server serves during a test only (see InFlightRequests).

    Autouse fixtures of pytest-django (the database) are set up before this one and torn
    down after it, and the test's pages are closed before it: the door closes once the
    browser is done, and the database is reset only when no request is served. It opens for
    a test that uses the live server (or a page: `open_page`, for pages asked for by name);
    tests without it are not made to start it (that would make them transactional).
    """
    if "live_server" in request.fixturenames:
        request.getfixturevalue("browser")  # first: the live server starts after it (`browser`)
        request.getfixturevalue("served").open()
    yield
    for served in DOOR:
        served.close_and_wait()


def open_page(browser, live_server, served, request, **options):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        accept_downloads=True,
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    served.open()
    page = context.new_page()
    yield page
    if request.node.stash.get(failed_call, False):
        path = ARTIFACTS / "screenshots" / "failed" / f"{request.node.name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(path), full_page=True)
        except PlaywrightError as error:  # a crashed page: keep the test's own failure
            print(f"No screenshot of the failure: {error}")
    context.close()


@pytest.fixture
def page(browser, live_server, served, request):
    """A desktop tab (1280×900, Vietnamese) in a fresh browser context."""
    yield from open_page(browser, live_server, served, request, **DESKTOP)


@pytest.fixture
def mobile_page(browser, live_server, served, request):
    """A phone-sized touch tab (390×844) in a fresh browser context."""
    yield from open_page(browser, live_server, served, request, **MOBILE)


@pytest.fixture
def portal(section, agency_a, agency_b):
    """The public content the journeys walk through (see content.build_portal)."""
    return build_portal(section, agency_a, agency_b)
