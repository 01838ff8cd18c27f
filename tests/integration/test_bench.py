"""`make bench --quick` end to end (bench/web): the anchors built and served, the project's data
loaded and served by gunicorn with and without its page cache, every target driven by wrk once,
the table printed and the results written (to a temporary file, not bench/results.md).
PostgreSQL (a database of its own on DATABASE_URL's server) and a redis-server of the test's own
when DATABASE_URL names PostgreSQL, else SQLite. About a minute; timings are not asserted."""

import os
import shutil
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench.run import recreate_postgres_database
from bench.web.report import (
    BULLETIN_RATIO,
    HELLO,
    REDIS_HELLO,
    REDIS_RATIO,
    SIZED_HELLO,
    SIZED_RATIO,
    WAGTAIL,
)
from bench.web.targets import CACHED_PAGES, SEARCH_RANKED
from tests.integration.own_redis import OwnRedis

pytestmark = [pytest.mark.bench]

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGETS = [
    HELLO,
    SIZED_HELLO,
    WAGTAIL,
    *(f"{page}, uncached" for page in CACHED_PAGES),
    *(f"{page}, cached" for page in CACHED_PAGES),
    "search 'cai cach'",
    SEARCH_RANKED,
    BULLETIN_RATIO,
    SIZED_RATIO,
]


def bench_database_url():
    """A database of the bench's own next to DATABASE_URL's, or None (SQLite)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_bench"))


@pytest.fixture
def backend_env():
    if shutil.which("wrk") is None:
        pytest.fail("wrk is not installed: run `make system-deps` (scripts/system-deps.sh)")
    database_url = bench_database_url()
    if database_url is None:
        yield {}, ["--sqlite"]
        return
    if shutil.which("redis-server") is None:
        pytest.skip("PostgreSQL given but no redis-server to start")
    redis = OwnRedis()
    try:
        yield {"BENCH_DATABASE_URL": database_url, "BENCH_CACHE_URL": redis.url(0)}, []
    finally:
        redis.stop()
        recreate_postgres_database(database_url, create=False)  # left behind by every run


def test_quick_bench_measures_every_target_and_writes_the_results(backend_env, tmp_path):
    extra_env, arguments = backend_env
    output = tmp_path / "results.md"
    env = {**os.environ, **extra_env}
    completed = subprocess.run(
        [sys.executable, "-m", "bench.web", "--quick", "--output", str(output), *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    table = completed.stdout  # the round lines start "round N: "; table rows start with the name
    results = output.read_text()
    # The trivial view with one Redis GET where the page cache is in Redis (PostgreSQL's run).
    for target in [*TARGETS, *([REDIS_HELLO, REDIS_RATIO] if extra_env else [])]:
        assert f"\n{target}" in table, target
        assert f"| {target} |" in results, target
    if not extra_env:
        assert REDIS_HELLO not in table
    assert " errors)" not in table  # every response 2xx
    for timing in ("assembly of 20 items", "PDF of 100 entries", "workflow approve"):
        assert f"| {timing} |" in results
    database = "PostgreSQL" if extra_env else "SQLite (fallback)"
    assert f"- database: {database}" in results
