"""gunicorn's own lines (its error and access logs) in the portal's format: a real gunicorn."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(tmp_path, **env):
    """gunicorn as the Procfile runs it; yields its address and a function giving its lines."""
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LOG_", "SENTRY_"))}
    environ.pop("XDG_RUNTIME_DIR", None)  # where gunicorn would put its control socket, or ~
    environ |= {"DJANGO_SETTINGS_MODULE": "portal.settings_test", "HOME": str(tmp_path), **env}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "site/portal/gunicorn_conf.py",
        "portal.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=log, stderr=log)
    try:
        wait_until_listening(port, process)
        yield f"http://127.0.0.1:{port}", lambda: log_path.read_text().splitlines()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def wait_until_listening(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not listen in time")


def get(url, **headers):
    """Status and X-Request-ID of a request for a host the portal refuses (no database needed)."""
    request = urllib.request.Request(url, headers={"Host": "evil.example", **headers})
    try:
        urllib.request.urlopen(request, timeout=30)  # noqa: S310 (a local address)
    except urllib.error.HTTPError as error:
        return error.code, error.headers["X-Request-ID"]
    raise AssertionError("the portal answered a host it does not serve")


def wait_for_line(lines, predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [line for line in lines() if predicate(line)]
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no such line in:\n{chr(10).join(lines())}")


def test_json_lines_from_gunicorn_and_django_with_the_request_id(tmp_path):
    with gunicorn(tmp_path, LOG_FORMAT="json") as (url, lines):
        status, request_id = get(f"{url}/x", **{"X-Request-ID": "probe-7"})
        wait_for_line(lines, lambda line: "gunicorn.access" in line)

    assert (status, request_id) == (400, "probe-7")
    records = [json.loads(line) for line in lines()]  # every line, gunicorn's own too
    by_logger = {record["logger"]: record for record in records}
    access = by_logger["gunicorn.access"]
    assert access["request_id"] == "probe-7"
    assert access["http"]["method"] == "GET" and access["http"]["path"] == "/x"
    assert access["http"]["status"] == "400" and access["http"]["duration_ms"] >= 0
    refused = by_logger["django.security.DisallowedHost"]
    assert refused["request_id"] == "probe-7" and refused["level"] == "ERROR"
    assert "Traceback" in refused["exc_info"]
    assert any(r["message"].startswith("Starting gunicorn") for r in records)


@pytest.mark.parametrize("env", [{}, {"LOG_FORMAT": "plain"}])
def test_plain_access_lines_name_the_request(tmp_path, env):
    with gunicorn(tmp_path, **env) as (url, lines):
        _status, request_id = get(f"{url}/y")
        [access] = wait_for_line(lines, lambda line: " gunicorn.access " in line)

    expected = f' INFO gunicorn.access [request={request_id}]: 127.0.0.1 "GET /y HTTP/1.1" 400 '
    assert expected in access


def test_no_control_socket_shared_by_every_gunicorn_of_the_machine(tmp_path):
    """gunicorn (27 here) opens a control socket at ~/.gunicorn/gunicorn.ctl unless told not to:
    the same path for every gunicorn of a user (the bench's, a second site's), and outside
    what the systemd unit lets it write. The portal does not use it: gunicorn_conf turns it off."""
    with gunicorn(tmp_path) as (url, _lines):
        get(f"{url}/x")
    assert not (tmp_path / ".gunicorn").exists()
