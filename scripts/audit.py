#!/usr/bin/env python3
"""`make audit`: pip-audit against the lock files; fails on a known vulnerability with a fix.

Exit status:
  0  no locked package has a known vulnerability that a newer release fixes (vulnerabilities
     without a fix are printed, not failed on: there is nothing to upgrade to);
  1  a locked package has one: raise its pin in requirements*.in and run `make lock`;
  2  the audit itself failed (pip-audit's own error, printed);
  3  the vulnerability database could not be reached, or did not answer for every package:
     NOTHING WAS CHECKED. With AUDIT_OFFLINE_OK=1 (CI on a machine without internet) this is
     exit 0, the warning still printed.

The service is OSV (pip-audit's `--osv-url`; AUDIT_OSV_URL overrides it), not pip-audit's
default, PyPI's JSON API: behind a PyPI mirror without that API every package answers 404,
which pip-audit reports as "skipped" and then says "No known vulnerabilities found" (exit 0).
OSV unreachable is an error. A skipped package is treated as unreachable here, whatever the
service.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ("requirements.txt", "requirements-dev.txt")
DEFAULT_OSV_URL = "https://api.osv.dev/v1/query"
FIXABLE, FAILED, UNREACHABLE = 1, 2, 3
# What requests/urllib3 and pip-audit print when the service cannot be reached or answers
# with an HTTP error (pip-audit lets requests' ConnectionError and ReadTimeout escape).
UNREACHABLE_MARKERS = (
    "ConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "Could not connect",
    "Max retries exceeded",
    "NameResolutionError",
    "ServiceError",
    "HTTPError",
)


@dataclass(frozen=True)
class Finding:
    name: str
    version: str
    vuln_id: str
    fix_versions: tuple[str, ...]

    def __str__(self) -> str:
        fixes = ", ".join(self.fix_versions) or "no fix yet"
        return f"{self.name} {self.version}: {self.vuln_id} (fixed in: {fixes})"


@dataclass(frozen=True)
class Report:
    fixable: tuple[Finding, ...]
    unfixable: tuple[Finding, ...]
    skipped: tuple[str, ...]
    audited: int


def classify(report: dict) -> Report:
    """Sorts pip-audit's JSON (`--format json`) into what fails the audit and what does not."""
    findings: dict[tuple[str, str, str], Finding] = {}
    skipped: dict[str, str] = {}
    audited = set()
    for dep in report.get("dependencies", []):
        if "skip_reason" in dep:
            skipped[dep["name"]] = dep["skip_reason"]
            continue
        audited.add((dep["name"], dep["version"]))
        for vuln in dep.get("vulns", []):
            finding = Finding(
                dep["name"], dep["version"], vuln["id"], tuple(vuln.get("fix_versions") or ())
            )
            findings[(finding.name, finding.version, finding.vuln_id)] = finding
    ordered = sorted(findings.values(), key=lambda f: (f.name, f.vuln_id))
    return Report(
        fixable=tuple(f for f in ordered if f.fix_versions),
        unfixable=tuple(f for f in ordered if not f.fix_versions),
        skipped=tuple(f"{name}: {reason}" for name, reason in sorted(skipped.items())),
        audited=len(audited),
    )


def pip_audit_command(locks: list[Path], osv_url: str, timeout: int, output: Path) -> list[str]:
    # --disable-pip: the locks are complete and hashed, nothing to resolve or download.
    command = [
        sys.executable, "-m", "pip_audit", "--disable-pip", "--require-hashes",
        "--vulnerability-service", "osv", "--osv-url", osv_url,
        "--format", "json", "--progress-spinner", "off",
        "--timeout", str(timeout), "--output", str(output),
    ]  # fmt: skip
    for lock in locks:
        command += ["--requirement", str(lock)]
    return command


def run_pip_audit(locks: list[Path], osv_url: str, timeout: int) -> tuple[str, dict | None]:
    """pip-audit's standard error and its JSON report (None when it wrote none)."""
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "audit.json"
        command = pip_audit_command(locks, osv_url, timeout, output)
        # pip-audit exits 1 on any vulnerability, fixed or not: judged from the report instead.
        proc = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        text = output.read_text() if output.exists() else ""
    return proc.stderr, (json.loads(text) if text.strip() else None)


def not_checked(reason: str, osv_url: str) -> int:
    """The loud outcome of an audit that checked nothing; exit 0 only with AUDIT_OFFLINE_OK=1."""
    banner = "=" * 72
    print(banner, file=sys.stderr)
    print("AUDIT NOT DONE: could not reach the vulnerability database", file=sys.stderr)
    print(f"({osv_url}): {reason}", file=sys.stderr)
    print("No package was checked for known vulnerabilities.", file=sys.stderr)
    offline_ok = os.environ.get("AUDIT_OFFLINE_OK") == "1"
    if offline_ok:
        print("AUDIT_OFFLINE_OK=1: not failing for it.", file=sys.stderr)
    print(banner, file=sys.stderr)
    return 0 if offline_ok else UNREACHABLE


def judge(report: Report, osv_url: str) -> int:
    for finding in report.unfixable:
        print(f"known vulnerability, no fixed release yet (not failing): {finding}")
    for finding in report.fixable:
        print(f"VULNERABLE, upgrade (requirements*.in, then `make lock`): {finding}")
    if report.fixable:
        print(f"audit failed: {len(report.fixable)} fixable vulnerabilities")
        return FIXABLE
    if report.skipped:
        for line in report.skipped:
            print(f"not audited: {line}", file=sys.stderr)
        return not_checked(f"{len(report.skipped)} packages not audited", osv_url)
    print(f"audit passed: {report.audited} locked packages, no vulnerability with a fix")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("locks", nargs="*", type=Path, default=[ROOT / lock for lock in LOCKS])
    parser.add_argument(
        "--osv-url", default=os.environ.get("AUDIT_OSV_URL") or DEFAULT_OSV_URL
    )
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("AUDIT_TIMEOUT", 15)))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stderr, report = run_pip_audit(args.locks, args.osv_url, args.timeout)
    if report is None:
        last_line = (stderr.strip().splitlines() or ["no output"])[-1]
        if any(marker in stderr for marker in UNREACHABLE_MARKERS):
            return not_checked(last_line, args.osv_url)
        print(stderr, file=sys.stderr)
        print("audit failed: pip-audit wrote no report", file=sys.stderr)
        return FAILED
    return judge(classify(report), args.osv_url)


if __name__ == "__main__":
    sys.exit(main())
