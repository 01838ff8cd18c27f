"""One `make bench` run: data, in-process timings, servers, interleaved wrk rounds, report."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cchc_news.conf import DEFAULTS

from . import anchors, machine, report
from .load import run_wrk
from .servers import Server
from .targets import INPROCESS_GOALS, targets

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/cchc_bench"
DEFAULT_CACHE = "redis://127.0.0.1:6379/10"


def reachable_postgres(database_url):
    import psycopg2

    try:
        psycopg2.connect(database_url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
    except psycopg2.OperationalError:
        return False
    return True


def backends(options, scratch):
    """(database URL, cache URL): PostgreSQL + Redis, made empty, or SQLite + local memory."""
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    if options.sqlite or not reachable_postgres(database_url):
        return f"sqlite:///{scratch}/project.sqlite3", ""
    from bench.run import recreate_postgres_database

    recreate_postgres_database(database_url)
    cache_url = os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE)
    import redis

    redis.Redis.from_url(cache_url).flushdb()
    return database_url, cache_url


def project_environment(database_url, cache_url, page_cache_seconds):
    kept_queries = DEFAULTS["CCHC_SEARCH_KEPT_QUERIES"] if page_cache_seconds else 0
    env = anchors.clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings_test",
        DJANGO_SECRET_KEY="bench-only-not-a-secret",  # noqa: S106
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        PYTHONPATH=f"{ROOT / 'site'}:{ROOT}",
        # Off for the "uncached" server: the page cache's own setting (portal.settings), and
        # the rankings of searches kept per process (each search there ranks its matches).
        CCHC_PAGE_CACHE_SECONDS=str(page_cache_seconds),
        CCHC_SEARCH_KEPT_QUERIES=str(kept_queries),
        LOG_LEVEL="WARNING",
    )
    env.pop("CELERY_BROKER_URL", None)  # tasks in-process, as bench/run.py runs them
    return env


def build_project(options, database_url, cache_url, scratch):
    """Runs bench.web.project in its own process; returns its URLs and timings."""
    output = Path(scratch) / "project.json"
    command = [sys.executable, "-m", "bench.web.project", "--items", str(options.items)]
    command += ["--repeat", str(options.repeat), "--out", str(output)]
    env = project_environment(database_url, cache_url, 0)
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 (our own argv)
    return json.loads(output.read_text())


def redis_cache(cache_url):
    """`cache_url` if the page cache is in Redis, else "" (SQLite's run: local memory)."""
    return cache_url if cache_url.startswith(("redis://", "rediss://", "unix://")) else ""


def start_servers(scratch, database_url, cache_url):
    hello = anchors.build_hello(scratch, redis_url=redis_cache(cache_url))
    wagtail = anchors.build_wagtail(scratch)
    specs = {
        "hello": (hello["wsgi"], hello["cwd"], hello["env"]),
        "wagtail": (wagtail["wsgi"], wagtail["cwd"], wagtail["env"]),
        "cached": (
            "portal.wsgi:application",
            ROOT,
            project_environment(database_url, cache_url, 300),
        ),
        "uncached": (
            "portal.wsgi:application",
            ROOT,
            project_environment(database_url, cache_url, 0),
        ),
    }
    servers = {}
    for name, (wsgi, cwd, env) in specs.items():
        servers[name] = Server(name, wsgi, cwd, env, Path(scratch) / f"{name}.log")
    return servers


def measure(server, target, round_number, duration):
    server.drain(target.path)  # nothing left over from the target before, on this server
    before = server.worker_cpu_seconds()
    result = run_wrk(server.url(target.path), duration)
    cpu_ms = (server.worker_cpu_seconds() - before) * 1000 / max(result.requests, 1)
    return report.Measurement(
        target.name,
        round_number,
        result.requests_per_second,
        result.p50_ms,
        result.p99_ms,
        cpu_ms,
        result.errors,
    )


def page_bytes(servers, urls):
    """The size of the bulletin of 100's page (the largest page measured)."""
    server, path = servers["uncached"], urls["bulletin 100"]
    server.wait_ready(path)
    return len(server.get(path, timeout=60))


def run_rounds(servers, all_targets, options, say):
    """Every target once per round, rounds one after the other (interleaved)."""
    for target in all_targets:  # warms up workers, templates and the page cache
        servers[target.server].wait_ready(target.path)
    measurements = []
    for round_number in range(1, options.rounds + 1):
        for target in all_targets:
            measurement = measure(servers[target.server], target, round_number, options.duration)
            say(
                f"round {round_number}: {target.name}: {measurement.requests_per_second:,.1f} req/s"
            )
            measurements.append(measurement)
    return measurements


def run(options, say=print):
    """The whole run; returns (web rows, in-process rows, context) and writes options.output."""
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as scratch:
        database_url, cache_url = backends(options, scratch)
        say(f"Data: {options.items:,} items on {database_url.split(':')[0]} (timed below)")
        project = build_project(options, database_url, cache_url, scratch)
        if cache_url:
            import redis

            redis.Redis.from_url(cache_url).flushdb()
        servers = start_servers(scratch, database_url, cache_url)
        try:
            all_targets = targets(
                project["urls"],
                page_bytes(servers, project["urls"]),
                redis_anchor=bool(redis_cache(cache_url)),
            )
            measurements = run_rounds(servers, all_targets, options, say)
        finally:
            for server in servers.values():
                server.stop()
        context = machine.context(database_url, cache_url, describe(options))
    web_rows = report.summarise(all_targets, measurements)
    inprocess = report.inprocess_rows(project["inprocess"], INPROCESS_GOALS)
    Path(options.output).write_text(report.markdown(web_rows, inprocess, context))
    return web_rows, inprocess, context


def describe(options):
    return (
        f"{options.items:,} items (+110 in the two bulletins), rounds: {options.rounds} of "
        f"`wrk -t2 -c8 -d{options.duration}s --timeout=30s --latency`, gunicorn 2 sync workers"
        + (" (--quick)" if options.quick else "")
    )
