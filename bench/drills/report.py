"""The drills' table, on the terminal and in bench/drills.md (with the date and the machine)."""

import os
import platform
import subprocess
from datetime import datetime
from pathlib import Path

from .stack import ROOT

COLUMNS = [
    "drill", "what was done", "bulletins per week", "items in two bulletins", "items lost",
    "deliveries received per bulletin", "e-mails lost (twice)", "errors seen by users", "verdict",
]  # fmt: skip


def weeks_cell(measures):
    weeks = measures.bulletins_per_week
    return ", ".join(f"{week}: {n}" for week, n in sorted(weeks.items())) or "none"


def received_cell(measures):
    counts = sorted(measures.received_per_bulletin.values())
    cell = ", ".join(str(n) for n in counts) or "none"
    bad = measures.bad_signatures
    return cell + (f" ({bad} bad signatures)" if bad else "")


def errors_cell(result):
    if not result.errors:
        return "0"
    kinds = ", ".join(f"{n}× {kind}" for kind, n in sorted(result.errors.items()))
    note = f"; expected: {result.errors_expected}" if result.errors_expected else ""
    return f"{result.user_errors} ({kinds}){note}"


def row(result):
    m = result.measures
    return [
        result.drill,
        result.what,
        weeks_cell(m),
        str(m.items_twice),
        f"{m.items_lost} of {m.items_due}",
        received_cell(m),
        f"{m.emails_lost} of {m.emails_expected} ({m.emails_twice})",
        errors_cell(result),
        "pass" if result.passed else "FAIL: " + "; ".join(result.problems),
    ]


def table(results):
    """Plain text: one block per drill (the cells are too long for one line each)."""
    lines = []
    for result in results:
        for name, cell in zip(COLUMNS, row(result), strict=True):
            lines.append(f"{name:>32}: {cell}")
        lines.append("")
    return "\n".join(lines)


def markdown(results, machine, short):
    escape = lambda text: text.replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(escape(cell) for cell in row(r)) + " |" for r in results]
    head = [
        "# Fault drills",
        "",
        f"Written by `make drills{' DRILLS_ARGS=--short' if short else ''}` on "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.",
        "",
        *[f"- {name}: {value}" for name, value in machine.items()],
        "",
        "Counts are read from the drill's database (bulletins, their entries, delivery rows, "
        "approvals) and compared with what the local receiver and SMTP sink were given; "
        "errors are those the drill's readers and reviewers saw (HTTP 4xx or 5xx, no answer, or no "
        "answer within 10 s). README, “Fault drills”, says how each drill is run.",
        "",
    ]
    return "\n".join(head + lines) + "\n"


def command_output(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=False).stdout.strip()  # noqa: S603
    except OSError:
        return "?"


def cpu_model():
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def machine(postgres):
    commit = command_output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    git_status = ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"]
    dirty = command_output(git_status)
    system = f"{platform.system()} {platform.release()}"
    return {
        "machine": f"{cpu_model()}, {os.cpu_count()} cores, {system}",
        "Python": platform.python_version(),
        "PostgreSQL": postgres.version(),
        "Redis": command_output(["redis-server", "--version"]).split(" sha=")[0],
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
    }
