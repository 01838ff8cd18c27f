"""What a page cache hit costs: µs per hit of the section home through Django's test client.

Uses bench/run.py's scratch database (SQLite, or BENCH_DATABASE_URL, dropped and created
again) and the cache of CACHE_URL (a Redis of your own; unset: local memory). Prints the
median µs per hit, the hits per second of one process and the queries per hit; then, each on
its own, the generation of public content read from the database and a Redis GET.

Usage: CACHE_URL=redis://127.0.0.1:6390/0 .venv/bin/python bench/page_cache_hit.py [--hits 2000]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/run.py: configure, build_data)


def per_call_us(action, calls):
    timings = []
    for _ in range(calls):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1e6)
    return statistics.median(timings)


def hit_cost(hits):
    from django.db import connection
    from django.test import Client

    from cchc_news.models import CCHCSectionPage

    url = CCHCSectionPage.objects.get().url
    client = Client()
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    return per_call_us(lambda: client.get(url), hits), len(queries)


def component_costs(calls):
    from django.core.cache import caches

    costs = {}
    try:
        from cchc_news.models import ContentChange
    except ImportError:  # before the generation moved to the database
        pass
    else:
        costs["generation from the database"] = per_call_us(ContentChange.generation, calls)
    store = caches["default"]
    store.set("bench:probe", 1, timeout=60)
    costs["one cache GET"] = per_call_us(lambda: store.get("bench:probe"), calls)
    return costs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=int, default=2000)
    parser.add_argument("--items", type=int, default=30)
    args = parser.parse_args()
    database_url = run.scratch_database_url("cchc-bench-hit")
    run.configure(database_url)
    run.build_data(args.items)
    from django.core.cache import caches

    caches["default"].clear()
    median, queries = hit_cost(args.hits)
    cache = os.environ.get("CACHE_URL") or "local memory"
    print(f"{database_url.split(':')[0]}, cache {cache}: {args.hits} hits of the section home")
    print(f"  {median:.0f} µs per hit (median), {1e6 / median:.0f} hits/s, {queries} queries")
    for name, cost in component_costs(args.hits).items():
        print(f"  {name}: {cost:.0f} µs (median)")


if __name__ == "__main__":
    main()
