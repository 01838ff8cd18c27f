"""`make drills` / `python -m bench.drills [--only a,b] [--short] [--output FILE]`."""

import argparse
import sys
from pathlib import Path

from .report import machine, markdown, table
from .runner import Options, run_drills
from .scenarios import DRILLS
from .stack import ROOT, Cleanup, Postgres


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.drills", description=__doc__)
    names = ", ".join(drill.name for drill in DRILLS)
    parser.add_argument("--only", default="", help=f"comma-separated drills (of: {names})")
    parser.add_argument("--short", action="store_true", help="fewer items, shorter outages")
    parser.add_argument(
        "--output", default=str(ROOT / "bench" / "drills.md"), help="'' to write nothing"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse(argv)
    options = Options(short=args.short, settle_seconds=60 if args.short else 120)
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    results = run_drills(names, options, Cleanup(handle_signals=True))
    print()
    print(table(results))
    if args.output:
        text = markdown(results, machine(Postgres()), args.short)
        Path(args.output).write_text(text)
        print(f"Written to {args.output}")
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
