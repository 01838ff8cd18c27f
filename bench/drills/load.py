"""What users do during a drill, through gunicorn, and the errors they see.

Readers fetch public pages in a loop (anonymous: the page cache is in play); reviewers log in
and approve items; an editor uploads a Word file. An error seen by a user is an answer 4xx or 5xx, a
request that got no answer (connection reset) or one that took longer than the client waits.
"""

import contextlib
import random
import re
import threading
import time
from dataclasses import dataclass, field

import requests

READ_TIMEOUT = 10  # seconds a reader waits for a page
ACTION_TIMEOUT = 10  # seconds a reviewer waits after clicking (the goal is about 2)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Tally:
    """Requests made and errors seen, by kind; thread-safe."""

    requests: int = 0
    errors: dict = field(default_factory=dict)  # "GET 500", "POST timeout", ... -> count
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, method, outcome):
        with self.lock:
            self.requests += 1
            if outcome != "ok":
                key = f"{method} {outcome}"
                self.errors[key] = self.errors.get(key, 0) + 1

    @property
    def error_count(self):
        return sum(self.errors.values())


def outcome_of(call, timeout):
    """("ok" | "500" | "timeout" | "no answer", response or None, seconds)."""
    started = time.monotonic()
    try:
        response = call(timeout=timeout)
    except requests.Timeout:
        return "timeout", None, time.monotonic() - started
    except requests.ConnectionError:
        return "no answer", None, time.monotonic() - started
    seconds = time.monotonic() - started
    return ("ok" if response.status_code < 400 else str(response.status_code)), response, seconds


class Readers:
    """`count` anonymous visitors reading `paths` until stopped."""

    def __init__(self, base_url, paths, tally, count=3):
        self.base_url, self.paths, self.tally, self.count = base_url, paths, tally, count
        self.stopping = threading.Event()
        self.threads = []

    def start(self):
        for _ in range(self.count):
            thread = threading.Thread(target=self.read, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def read(self):
        session = requests.Session()
        while not self.stopping.is_set():
            url = self.base_url + random.choice(self.paths)
            outcome, _response, _seconds = outcome_of(
                lambda timeout, url=url: session.get(url, timeout=timeout), READ_TIMEOUT
            )
            self.tally.record("GET", outcome)
            self.stopping.wait(0.05)

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=READ_TIMEOUT + 5)


class AdminUser:
    """A logged-in admin session (Wagtail's login form, CSRF and all)."""

    def __init__(self, base_url, username, password, tally):
        self.base_url, self.tally = base_url, tally
        self.session = requests.Session()
        page = self.session.get(f"{base_url}/admin/login/", timeout=READ_TIMEOUT)
        data = {"username": username, "password": password, "next": "/admin/"}
        data["csrfmiddlewaretoken"] = CSRF_INPUT.search(page.text)[1]
        response = self.session.post(f"{base_url}/admin/login/", data, timeout=READ_TIMEOUT)
        if "sessionid" not in self.session.cookies:
            raise RuntimeError(f"{username} could not log in ({response.status_code})")

    def post(self, path, data=None, files=None, timeout=ACTION_TIMEOUT):
        """POST as this user; returns (outcome, response, seconds) and tallies the outcome."""
        data = dict(data or {}, csrfmiddlewaretoken=self.session.cookies["csrftoken"])
        url = self.base_url + path
        result = outcome_of(
            lambda timeout: self.session.post(url, data, files=files, timeout=timeout), timeout
        )
        self.tally.record("POST", result[0])
        return result

    def approve(self, review):
        path = f"/admin/pages/workflow/action/{review['page']}/approve/{review['task_state']}/"
        return self.post(path)


@dataclass
class Action:
    """One thing a user did and what they saw."""

    what: str
    outcome: str
    seconds: float


class Reviewers:
    """The agency heads, logged in once, approving the manifest's items in turn."""

    def __init__(self, base_url, manifest, tally):
        self.base_url, self.manifest, self.tally = base_url, manifest, tally
        self.sessions = {}
        self.pending = list(manifest["reviews"])
        self.done = []  # (review, Action)

    def session(self, username):
        if username not in self.sessions:
            password = self.manifest["password"]
            self.sessions[username] = AdminUser(self.base_url, username, password, self.tally)
        return self.sessions[username]

    def log_in(self):
        for review in self.pending:
            self.session(review["head"])
        return self

    def approve(self, count=1):
        actions = []
        for _ in range(count):
            review = self.pending.pop(0)
            outcome, _response, seconds = self.session(review["head"]).approve(review)
            action = Action(f"approve {review['title']}", outcome, seconds)
            self.done.append((review, action))
            actions.append(action)
        return actions

    def approve_in_background(self, count=1):
        """Approve in a thread (the caller disrupts meanwhile); join() the returned thread."""
        thread = threading.Thread(target=self.approve, args=(count,), daemon=True)
        thread.start()
        return thread


def public_paths(manifest):
    return ["/", "/cai-cach-hanh-chinh/", *manifest["index_urls"]]


def stop_quietly(*things):
    for thing in things:
        with contextlib.suppress(Exception):
            thing.stop()
