"""Ratios to the anchors, goals, and the table (text and bench/results.md)."""

import statistics
from dataclasses import dataclass

HELLO = "hello (trivial Django view)"
WAGTAIL = "plain Wagtail home"
BULLETIN_RATIO = "bulletin 100 vs 10, uncached (time ratio)"
# The trivial view answering as many bytes as the bulletin of 100's page, and that page's cache
# hits against it: the part of the hits' gap to "hello" that is the size of the page alone.
SIZED_HELLO = "hello, as many bytes as bulletin 100"
SIZED_RATIO = "bulletin 100, cached vs hello of its size"
# The trivial view after one GET to the page cache's Redis, and the section home's hits against
# it: what a hit that made one Redis round trip (issue 17's own design) could reach at best;
# a hit from a worker's copy now makes none (cchc_news.public.tracked_lease).
REDIS_HELLO = "hello + one Redis GET"
REDIS_RATIO = "section home, cached vs hello + one Redis GET"


@dataclass(frozen=True)
class Goal:
    operator: str  # "≥", "≤" or "<"
    value: float

    def met(self, measured):
        compare = {"≥": float.__ge__, "≤": float.__le__, "<": float.__lt__}[self.operator]
        return compare(float(measured), float(self.value))

    def __str__(self):
        return f"{self.operator} {self.value:g}"


CACHED_GOAL = Goal("≥", 0.7)  # of the trivial view (issue 17)


@dataclass(frozen=True)
class Target:
    name: str
    server: str  # which server answers: hello, wagtail, cached, uncached
    path: str
    anchor: str | None = None  # the target whose req/s is the denominator of the ratio
    goal: Goal | None = None


@dataclass
class Measurement:
    target: str
    round: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_request: float
    errors: int = 0


def ratios_in_round(targets, measurements, round_number):
    """{target name: req/s ÷ its anchor's req/s in the same round}."""
    rates = {m.target: m.requests_per_second for m in measurements if m.round == round_number}
    ratios = {}
    for target in targets:
        if target.anchor and rates.get(target.anchor) and target.name in rates:
            ratios[target.name] = rates[target.name] / rates[target.anchor]
    # Time per request of the bulletin of 100 over that of the bulletin of 10.
    hundred, ten = rates.get("bulletin 100, uncached"), rates.get("bulletin 10, uncached")
    if hundred and ten:
        ratios[BULLETIN_RATIO] = ten / hundred
    for name, hit, anchor in (
        (SIZED_RATIO, "bulletin 100, cached", SIZED_HELLO),
        (REDIS_RATIO, "section home, cached", REDIS_HELLO),
    ):
        if rates.get(hit) and rates.get(anchor):
            ratios[name] = rates[hit] / rates[anchor]
    return ratios


def summarise(targets, measurements):
    """One row per target (medians over the rounds) and the bulletin time-ratio row."""
    rounds = sorted({m.round for m in measurements})
    per_round = [ratios_in_round(targets, measurements, number) for number in rounds]
    rows = []
    for target in targets:
        mine = [m for m in measurements if m.target == target.name]
        if not mine:
            continue
        ratios = [ratios[target.name] for ratios in per_round if target.name in ratios]
        rows.append(row(target, mine, ratios))
    for name, anchor, goal in (
        (BULLETIN_RATIO, "bulletin 10, uncached", Goal("≤", 2)),
        (SIZED_RATIO, SIZED_HELLO, CACHED_GOAL),
        (REDIS_RATIO, REDIS_HELLO, CACHED_GOAL),
    ):
        found = [ratios[name] for ratios in per_round if name in ratios]
        if found:
            ratio = statistics.median(found)
            rows.append(
                {
                    "target": name,
                    "ratio": ratio,
                    "anchor": anchor,
                    "goal": str(goal),
                    "passed": goal.met(ratio),
                }
            )
    return rows


def row(target, measurements, ratios):
    def median(field):
        return statistics.median(getattr(m, field) for m in measurements)

    ratio = statistics.median(ratios) if ratios else None
    return {
        "target": target.name,
        "req/s": median("requests_per_second"),
        "p50": median("p50_ms"),
        "p99": median("p99_ms"),
        "cpu": median("cpu_ms_per_request"),
        "errors": sum(m.errors for m in measurements),
        "ratio": ratio,
        "anchor": target.anchor or "(anchor)",
        "goal": str(target.goal) if target.goal else "",
        "passed": target.goal.met(ratio) if target.goal and ratio is not None else None,
    }


COLUMNS = ("target", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "ratio", "anchor", "goal", "pass")


def verdict(passed):
    return {True: "pass", False: "FAIL", None: ""}[passed]


def number(value, digits=1):
    return "" if value is None else f"{value:,.{digits}f}"


def cells(entry):
    failed = f" ({entry['errors']} errors)" if entry.get("errors") else ""
    return [
        entry["target"] + failed,
        number(entry.get("req/s")),
        number(entry.get("p50"), 2),
        number(entry.get("p99"), 2),
        number(entry.get("cpu"), 2),
        number(entry.get("ratio"), 2),
        entry["anchor"],
        entry["goal"],
        verdict(entry["passed"]),
    ]


def inprocess_rows(timings, goals):
    """[(name, ms, goal, verdict)] for the in-process timings, goals in ms by name."""
    rows = []
    for name, ms in timings:
        goal = goals.get(name)
        passed = goal.met(ms) if goal and ms is not None else None
        rows.append([name, number(ms), f"{goal} ms" if goal else "", verdict(passed)])
    return rows


def text_table(headers, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in (headers, *rows)
    ]
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in line) + " |" for line in rows]
    return "\n".join(lines)


def markdown(web_rows, inprocess, context):
    """bench/results.md: the tables, the date, the machine, the versions and how it ran."""
    facts = "\n".join(f"- {name}: {value}" for name, value in context.items())
    return (
        "# Benchmark results (`make bench`, issue 17)\n\n"
        f"{facts}\n\n"
        "## Pages under load (medians over the rounds; ratios within a round)\n\n"
        f"{markdown_table(COLUMNS, [cells(entry) for entry in web_rows])}\n\n"
        "## In-process timings (median ms)\n\n"
        f"{markdown_table(('action', 'ms', 'goal', 'pass'), inprocess)}\n"
    )
