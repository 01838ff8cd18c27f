"""Time (and optionally profile) the weekly assembly and its PDF on a scratch database.

Builds the data once with bench/run.py's `build_data` (skip with --reuse), then assembles the
week again inside a rolled-back transaction, as `make bench` does, and renders the PDF:

    .venv/bin/python bench/profile_assembly.py --items 1000 [--reuse] [--profile] [--pdf]

BENCH_DATABASE_URL names the PostgreSQL database (dropped and made again unless --reuse).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

from bench.run import build_data, configure, recreate_postgres_database  # noqa: E402


class Rollback(Exception):
    pass


def assemble_again():
    """Delete the bulletins and assemble the week of the items again; returns the query count."""
    from django.db import connection, transaction

    from bulletin.assembly import assemble
    from bulletin.models import BulletinPage
    from bulletin.weeks import Week
    from cchc_news.models import NewsItemPage

    item = NewsItemPage.objects.live().order_by("-first_published_at").first()
    week = Week.containing(item.first_published_at)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    try:
        with transaction.atomic():
            BulletinPage.objects.all().delete()
            with connection.execute_wrapper(count):
                start, cpu = time.perf_counter(), time.process_time()
                assemble(week)
                elapsed = time.perf_counter() - start
                cpu = time.process_time() - cpu
            raise Rollback
    except Rollback:
        pass
    return elapsed, len(queries), round(cpu, 3)


def render_pdf_uncached():
    from django.core.cache import cache

    from bulletin.models import BulletinPage
    from bulletin.pdf import render_pdf

    bulletin = BulletinPage.objects.live().order_by("-first_published_at").first()
    cache.clear()
    start, cpu = time.perf_counter(), time.process_time()
    render_pdf(bulletin, "http://testserver/")
    cpu = time.process_time() - cpu
    return time.perf_counter() - start, len(bulletin.item_ids()), round(cpu, 3)


def timed(action, repeat, profile, label):
    action()  # warm-up
    results = [action() for _ in range(repeat)]
    seconds = [result[0] for result in results]
    cpu = statistics.median(result[2] for result in results)
    print(
        f"{label}: median {statistics.median(seconds) * 1000:.0f} ms wall, "
        f"{cpu * 1000:.0f} ms CPU of this process, (wall s, queries, CPU s) {results}"
    )
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(action)
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(25)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--no-assembly", action="store_true")
    args = parser.parse_args()
    database_url = os.environ["BENCH_DATABASE_URL"]
    if not args.reuse:
        recreate_postgres_database(database_url)
    configure(database_url)
    if not args.reuse:
        started = time.perf_counter()
        build_data(args.items)
        print(f"Data: {args.items} items in {time.perf_counter() - started:.1f} s")
    if not args.no_assembly:
        timed(assemble_again, args.repeat, args.profile, "assembly")
    if args.pdf:
        timed(render_pdf_uncached, args.repeat, args.profile, "PDF")


if __name__ == "__main__":
    main()
