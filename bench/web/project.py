"""The project's bench data and in-process timings, run in a process of its own.

    python -m bench.web.project --items 10000 --out data.json

Uses bench/run.py's set-up and item builder (DATABASE_URL and CACHE_URL from the
environment). Lays out three weeks: the week three weeks back holds 10 items (its bulletin: 10
entries), the next one 100 (a bulletin of 100), last week `--items` items, not assembled:
assembly of 1,000 and of all of them is timed in a rolled-back transaction, with the PDF of
the 1,000 entries. Writes the URLs of the targets and the timings as JSON.
"""

import argparse
import json
import os
import statistics
import time
from datetime import timedelta

from bench import run as inprocess

BIG_ASSEMBLY = 1000  # the smaller assembly timed (issue 17: 1k and 10k)


class Rollback(Exception):
    pass


def build(items):
    """The three weeks' items and the two bulletins; returns the target URLs."""
    from django.utils import timezone

    from bulletin.assembly import assemble
    from bulletin.weeks import Week

    taxonomy = inprocess.build_taxonomy()
    now = timezone.now()
    small_week, hundred_week, big_week = (
        Week.containing(now - timedelta(days=d)) for d in (21, 14, 7)
    )
    inprocess.add_items(10, small_week.cutoff(), taxonomy)
    small = assemble(small_week).bulletin
    inprocess.add_items(100, hundred_week.cutoff(), taxonomy, first_number=10)
    hundred = assemble(hundred_week).bulletin
    inprocess.add_items(items, big_week.cutoff(), taxonomy, spacing_minutes=1, first_number=110)
    refresh_planner_statistics()
    return target_urls(small, hundred), big_week


def refresh_planner_statistics():
    """ANALYZE, as autovacuum does on a live database some time after a bulk load.

    Without it PostgreSQL plans on the empty tables' statistics: the item page's related-items
    query took 1.1 s at 10,000 items (a nested loop over 17 million rows), 7 ms after ANALYZE.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def target_urls(small, hundred):
    from cchc_news.models import CCHCSectionPage, NewsItemPage

    section = CCHCSectionPage.objects.get()
    item = NewsItemPage.objects.live().order_by("-first_published_at").first()
    base = section.url
    return {
        "section home": base,
        "listing": f"{base}tin-bai/",
        "item": item.url,
        "archive": hundred.get_parent().url,
        "bulletin 100": hundred.url,
        "bulletin 10": small.url,
        "Atom feed": "/feeds/tin-bai.atom",
        "search": f"{base}tim-kiem/?q=cai+cach",
    }


def timed(action, repeat):
    """Median of `repeat` runs of action() (ms it returns), each in a rolled-back transaction."""
    from django.db import transaction

    timings = []
    for _ in range(repeat):
        try:
            with transaction.atomic():
                timings.append(action())
                raise Rollback
        except Rollback:
            pass
    return round(statistics.median(timings), 1)


def stopwatch(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - started) * 1000, result


def assembly_and_pdf(week, count, with_pdf):
    """Assembles `week` with only `count` of its items live; optionally renders its PDF.

    Assembly takes every live item in no bulletin before the cut-off, older ones included
    (the 10,000 items at one-minute spacing reach 3,280 items back before the week's
    start): all of those beyond `count` are unpublished, not only the week's.
    """
    from django.core.cache import cache

    from bulletin.assembly import assemble, eligible_items
    from bulletin.pdf import render_pdf
    from cchc_news.models import NewsItemPage

    pending = eligible_items(week.cutoff()).order_by("first_published_at", "pk")
    extra = list(pending.values_list("pk", flat=True)[count:])
    NewsItemPage.objects.filter(pk__in=extra).update(live=False)
    assembly_ms, result = stopwatch(assemble, week)
    pdf_ms = None
    if with_pdf:
        # Rendered, not found: a PDF is stored by its content, the same in every round.
        cache.clear()
        pdf_ms = stopwatch(render_pdf, result.bulletin, "http://127.0.0.1/")[0]
    return assembly_ms, pdf_ms


def inprocess_timings(week, items, repeat):
    """[(name, median ms), ...]: assembly of 1,000 and `items`, PDFs, workflow actions."""
    from django.core.cache import cache

    from bulletin.models import BulletinPage

    rows = []
    sizes = sorted({min(BIG_ASSEMBLY, items), items})
    for size in sizes:
        pdf = {}

        def run(size=size, pdf=pdf):
            assembly_ms, pdf_ms = assembly_and_pdf(week, size, size == sizes[0])
            pdf.setdefault("ms", []).append(pdf_ms)
            return assembly_ms

        rows.append((f"assembly of {size:,} items", timed(run, repeat if size <= 1000 else 1)))
        if size == sizes[0]:
            rows.append((f"PDF of {size:,} entries", round(statistics.median(pdf["ms"]), 1)))
    hundred = BulletinPage.objects.live().order_by("-first_published_at").first()

    def pdf_hundred():
        from bulletin.pdf import render_pdf

        cache.clear()  # rendered, not read from the cache
        return stopwatch(render_pdf, hundred, "http://127.0.0.1/")[0]

    rows.append((f"PDF of {len(hundred.item_ids())} entries", timed(pdf_hundred, repeat)))
    cache.clear()
    from bench.web.workflow import workflow_timings

    return rows + workflow_timings(repeat)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    inprocess.configure(os.environ["DATABASE_URL"])
    build_ms, (urls, week) = stopwatch(build, args.items)
    timings = [(f"data: {args.items + 110:,} items, 2 bulletins", round(build_ms, 1))]
    timings += inprocess_timings(week, args.items, args.repeat)
    with open(args.out, "w") as output:
        json.dump({"urls": urls, "inprocess": timings}, output)


if __name__ == "__main__":
    main()
