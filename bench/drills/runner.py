"""Runs drills: one template database for all, then for each drill a stack of its own
(a copy of the template), the drill, a wait until the stack has settled, the measures."""

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .load import stop_quietly
from .measure import Measures, measure, problems, settled
from .scenarios import DRILLS, Run
from .stack import ROOT, Postgres, Stack, python_env

REVIEWS = 16  # items waiting for their head in the template: enough for any drill


@dataclass
class Options:
    short: bool = False
    settle_seconds: int = 120
    tick_seconds: int = 2
    work_dir: Path = field(default_factory=lambda: ROOT / "test-artifacts" / "drills")


@dataclass
class Result:
    drill: str
    what: str
    measures: Measures
    errors: dict  # user errors by kind
    problems: list
    errors_expected: str = ""
    seconds: float = 0.0

    @property
    def user_errors(self):
        return sum(self.errors.values())

    @property
    def passed(self):
        return not self.problems


def selected(names):
    known = {drill.name: drill for drill in DRILLS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"unknown drills: {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[name] for name in names] if names else list(DRILLS)


def build_template(postgres, name, items, work_dir):
    """Migrate, set up and seed the template database (a Django process); its manifest."""
    postgres.create(name)
    manifest = Path(work_dir) / "manifest.json"
    env = python_env(
        {
            "DJANGO_SETTINGS_MODULE": "bench.drills.settings",
            "DJANGO_SECRET_KEY": "drills-only-not-a-secret",
            "DATABASE_URL": postgres.url(name),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(Path(work_dir) / "media"),
        }
    )
    for variable in ("CELERY_BROKER_URL", "CACHE_URL", "DJANGO_DEBUG"):
        env.pop(variable, None)
    argv = [sys.executable, "-m", "bench.drills.seed", str(manifest)]
    argv += ["--items", str(items), "--reviews", str(REVIEWS)]
    subprocess.run(argv, cwd=ROOT, env=env, check=True)  # noqa: S603 (our own argv)
    return json.loads(manifest.read_text())


def settle(run, options):
    """Measure until nothing is left to do, or the deadline; then once more, a few ticks later,
    so that whatever would arrive twice has had the time to."""
    deadline = time.monotonic() + options.settle_seconds
    while time.monotonic() < deadline:
        if settled(current(run)):
            break
        time.sleep(1)
    time.sleep(3 * options.tick_seconds)
    return current(run)


def current(run):
    stack = run.stack
    done = list(run.reviewers.done)
    return measure(run.db, run.due_items, done, run.manifest, stack.receiver, stack.sink)


def run_drill(drill, postgres, template, manifest, options):
    started = time.monotonic()
    stack = Stack(drill.name, postgres, template, options.work_dir, options.tick_seconds)
    run = None
    try:
        stack.start()
        run = Run(stack, manifest, options.short, drill.items[1 if options.short else 0])
        run.reviewers.log_in()
        what = drill.run(run)
        measures = settle(run, options)
        what = "; ".join([what, *stack.supervisor.events])
    finally:
        if run is not None:
            stop_quietly(run.readers)
            run.close()
        stack.stop()
    errors = dict(run.tally.errors)
    user_errors = 0 if drill.errors_expected else sum(errors.values())
    return Result(
        drill.name, what, measures, errors, problems(measures, user_errors),
        drill.errors_expected, time.monotonic() - started,
    )  # fmt: skip


def run_drills(names=(), options=None, cleanup=None, report=print):
    """Run the named drills (all by default); returns their Results."""
    from .stack import Cleanup

    options = options or Options()
    cleanup = cleanup or Cleanup()
    drills = selected(list(names))
    postgres = Postgres()
    template = f"cchc_drills_{os.getpid()}_template"
    options.work_dir.mkdir(parents=True, exist_ok=True)
    items = max(drill.items[1 if options.short else 0] for drill in drills)
    drop = cleanup.add(lambda: postgres.drop(template))
    results = []
    try:
        started = time.monotonic()
        manifest = build_template(postgres, template, items, options.work_dir)
        report(f"template: {items} items in {time.monotonic() - started:.0f} s")
        for drill in drills:
            report(f"drill {drill.name} ...")
            results.append(run_drill(drill, postgres, template, manifest, options))
            report(f"  {verdict(results[-1])} in {results[-1].seconds:.0f} s")
    finally:
        cleanup.discard(drop)
        postgres.drop(template)
    return results


def verdict(result):
    return "pass" if result.passed else "FAIL: " + "; ".join(result.problems)
