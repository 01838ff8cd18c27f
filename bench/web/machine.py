"""The date, machine and versions written with the results."""

import os
import platform
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from bench.drills.report import command_output, cpu_model


def memory_gib():
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return "?"


def postgres_version(database_url):
    if not database_url.startswith("postgres"):
        return "not used (SQLite)"
    import psycopg2

    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def redis_version(cache_url):
    if not cache_url:
        return "not used (local-memory cache)"
    import redis

    return redis.Redis.from_url(cache_url).info("server")["redis_version"]


def context(database_url, cache_url, options):
    return {
        "date": f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        "machine": f"{cpu_model()}, {os.cpu_count()} cores, {memory_gib()} RAM, "
        f"{platform.system()} {platform.release()}",
        "versions": f"Python {platform.python_version()}, Django {version('django')}, "
        f"Wagtail {version('wagtail')}, gunicorn {version('gunicorn')}, "
        f"PostgreSQL {postgres_version(database_url)}, Redis {redis_version(cache_url)}, "
        f"{command_output(['wrk', '-v']).splitlines()[0].split(' Copyright')[0]}",
        "database": "PostgreSQL" if database_url.startswith("postgres") else "SQLite (fallback)",
        "run": options,
    }
