"""The short fault drills (bench/drills, `make drills DRILLS_ARGS=--short`) on a stack of their
own: PostgreSQL databases created on the server of DRILLS_DATABASE_URL or DATABASE_URL (this
run's test database is not used), a redis-server started on a free port, a Celery worker and
beat, gunicorn. Each drill must end with nothing lost and nothing twice, counted from the
database. About two and a half minutes; skipped without a PostgreSQL server or redis-server."""

import os
import shutil

import pytest

from bench.drills.report import table
from bench.drills.runner import Options, run_drills
from bench.drills.stack import ROOT, Cleanup, Postgres

pytestmark = [pytest.mark.integration, pytest.mark.drills]

CI_DRILLS = ["feed_down", "worker_kill"]


def postgres_server():
    url = os.environ.get("DRILLS_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def why_not_available():
    if shutil.which("redis-server") is None:
        return "no redis-server on PATH"
    url = postgres_server()
    if url is None:
        return "no PostgreSQL server named (DRILLS_DATABASE_URL or DATABASE_URL)"
    try:
        Postgres(url).version()
    except Exception as error:
        return f"PostgreSQL unreachable: {error}"
    return None


@pytest.fixture
def drills_server(monkeypatch):
    reason = why_not_available()
    if reason:
        pytest.skip(f"the fault drills need PostgreSQL and redis-server: {reason}")
    monkeypatch.setenv("DRILLS_DATABASE_URL", postgres_server())


def test_feed_down_and_worker_killed_mid_assembly_lose_nothing_and_send_nothing_twice(
    drills_server,
):
    options = Options(short=True, settle_seconds=60, work_dir=ROOT / "test-artifacts" / "drills-ci")
    cleanup = Cleanup()
    try:
        results = run_drills(CI_DRILLS, options, cleanup, report=lambda line: None)
    finally:
        cleanup.run()
    assert [result.drill for result in results] == CI_DRILLS
    for result in results:
        assert result.measures.items_due > 0
        assert result.measures.emails_expected > 0
        assert result.passed, table(results)
