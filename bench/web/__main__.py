"""`make bench`: python -m bench.web [--quick] [--rounds 3] [--duration 8] [--sqlite] [--items N]

The anchors (a trivial Django view, a fresh `wagtail start` site) and the project (PostgreSQL
from BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/cchc_bench, dropped and made
again; Redis cache from BENCH_CACHE_URL, default redis://127.0.0.1:6379/10, flushed; SQLite and
a local-memory cache with --sqlite or when PostgreSQL is unreachable) under the same gunicorn,
driven by wrk; prints the table and writes bench/results.md (or --output).
"""

import argparse
import sys
from pathlib import Path

from . import harness, report

QUICK = {"items": 20, "rounds": 1, "duration": 1, "repeat": 1}


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run: few items, short")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=8, help="seconds of wrk per target")
    parser.add_argument("--sqlite", action="store_true", help="SQLite, no Redis (labelled)")
    parser.add_argument("--items", type=int, default=10_000, help="news items of last week")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each in-process timing")
    parser.add_argument("--output", default=str(harness.ROOT / "bench" / "results.md"))
    options = parser.parse_args(argv)
    if options.quick:
        given = {arg.lstrip("-").split("=")[0] for arg in argv if arg.startswith("--")}
        for name, value in QUICK.items():
            if name not in given:
                setattr(options, name, value)
    return options


def main(argv=None):
    options = parse(sys.argv[1:] if argv is None else argv)
    web_rows, inprocess, context = harness.run(options, say=lambda line: print(line, flush=True))
    print()
    print(report.text_table(report.COLUMNS, [report.cells(entry) for entry in web_rows]))
    print()
    print(report.text_table(("action", "ms", "goal", "pass"), inprocess))
    print(f"\n{context['database']}; written to {Path(options.output)}")


if __name__ == "__main__":
    main()
