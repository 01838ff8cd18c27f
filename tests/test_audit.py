"""`make audit` (scripts/audit.py): real pip-audit runs against the lock files and a local
OSV-like service on 127.0.0.1 (pip-audit's --osv-url), so that each outcome is checked without
internet: a fixable vulnerability fails, one without a fix does not, an unreachable or failing
service is "not done" (exit 3, or 0 with AUDIT_OFFLINE_OK=1), and a report whose packages were
skipped (pip-audit's PyPI service behind a mirror without the JSON API) is not a pass."""

import importlib.util
import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("cchc_audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = audit  # dataclasses look their module up there
_spec.loader.exec_module(audit)

DJANGO_VULN = {
    "id": "PYSEC-2099-1",
    "aliases": ["CVE-2099-0001"],
    "summary": "A made-up SQL injection",
    "affected": [
        {
            "package": {"name": "django", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "5.2.99"}]}],
        }
    ],
}
CELERY_VULN_NO_FIX = {
    "id": "GHSA-xxxx-yyyy-zzzz",
    "summary": "A made-up issue without a fixed release",
    "affected": [
        {
            "package": {"name": "celery", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}],
        }
    ],
}


class FakeOsv:
    """Answers OSV's /v1/query like api.osv.dev: `{}` or `{"vulns": [...]}` per package."""

    def __init__(self, vulns=None, status=200):
        self.vulns, self.status, self.queried = vulns or {}, status, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                name = query["package"]["name"]
                fake.queried.append((name, query["version"]))
                body = json.dumps({"vulns": fake.vulns[name]} if name in fake.vulns else {})
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1/query"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _online(monkeypatch):
    monkeypatch.delenv("AUDIT_OFFLINE_OK", raising=False)


def locked_names():
    names = set()
    for lock in audit.LOCKS:
        for line in (ROOT / lock).read_text().splitlines():
            if line and not line[0].isspace() and not line.startswith("#"):
                names.add(line.split("==")[0].lower().replace("_", "-").replace(".", "-"))
    return names


def test_a_vulnerability_with_a_fix_fails_the_audit(capsys):
    with FakeOsv({"django": [DJANGO_VULN], "celery": [CELERY_VULN_NO_FIX]}) as osv:
        status = audit.main(["--osv-url", osv.url])
    out = capsys.readouterr().out
    assert status == audit.FIXABLE
    assert "VULNERABLE, upgrade" in out
    assert "django 5.2.19: PYSEC-2099-1 (fixed in: 5.2.99)" in out
    assert "no fixed release yet (not failing): celery" in out
    # Every locked package, runtime and development, was asked about.
    assert {name for name, _ in osv.queried} == locked_names()


def test_a_vulnerability_without_a_fix_is_reported_but_passes(capsys):
    with FakeOsv({"celery": [CELERY_VULN_NO_FIX]}) as osv:
        status = audit.main(["--osv-url", osv.url])
    out = capsys.readouterr().out
    assert status == 0
    assert "no fixed release yet (not failing): celery" in out
    assert "audit passed" in out


def test_no_vulnerability_passes(capsys):
    with FakeOsv() as osv:
        assert audit.main(["--osv-url", osv.url]) == 0
    assert f"audit passed: {len(locked_names())} locked packages" in capsys.readouterr().out


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("offline_ok, expected", [(None, audit.UNREACHABLE), ("1", 0)])
def test_an_unreachable_service_is_not_a_pass(monkeypatch, capsys, offline_ok, expected):
    if offline_ok:
        monkeypatch.setenv("AUDIT_OFFLINE_OK", offline_ok)
    url = f"http://127.0.0.1:{free_port()}/v1/query"  # nothing listens there
    assert audit.main(["--osv-url", url, "--timeout", "5"]) == expected
    err = capsys.readouterr().err
    assert "AUDIT NOT DONE: could not reach the vulnerability database" in err
    assert "No package was checked" in err
    assert ("AUDIT_OFFLINE_OK=1: not failing for it." in err) == bool(offline_ok)


def test_a_failing_service_is_not_a_pass(capsys):
    with FakeOsv(status=503) as osv:
        assert audit.main(["--osv-url", osv.url]) == audit.UNREACHABLE
    assert "AUDIT NOT DONE" in capsys.readouterr().err


# pip-audit 2.10.1's JSON with its PyPI service where pypi.org/pypi/<name>/<version>/json
# answers 404 (as through this machine's mirror): every package skipped, and pip-audit itself
# printed "No known vulnerabilities found" and exited 0.
PYPI_SERVICE_BEHIND_MIRROR = {
    "dependencies": [
        {
            "name": "amqp",
            "skip_reason": "Dependency not found on PyPI and could not be audited: amqp (5.4.2)",
        },
        {
            "name": "django",
            "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.19)",
        },
    ],
    "fixes": [],
}


def test_skipped_packages_are_not_a_pass(capsys):
    report = audit.classify(PYPI_SERVICE_BEHIND_MIRROR)
    assert report.audited == 0 and len(report.skipped) == 2
    assert audit.judge(report, "https://pypi.org") == audit.UNREACHABLE
    assert "not audited: amqp" in capsys.readouterr().err


def test_classify_keeps_each_finding_once():
    dep = {"name": "django", "version": "5.2.19", "vulns": [
        {"id": "PYSEC-2099-1", "fix_versions": ["5.2.99"], "aliases": []},
        {"id": "GHSA-1", "fix_versions": [], "aliases": []},
    ]}  # fmt: skip
    report = audit.classify({"dependencies": [dep, dep]})
    assert [f.vuln_id for f in report.fixable] == ["PYSEC-2099-1"]
    assert [f.vuln_id for f in report.unfixable] == ["GHSA-1"]
    assert report.audited == 1
