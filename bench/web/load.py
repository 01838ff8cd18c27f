"""wrk runs and the parsing of its report (requests/s, latency p50/p99, errors)."""

import re
import subprocess
from dataclasses import dataclass

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass
class LoadResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx responses plus socket errors


def wrk_command(url, duration, threads=2, connections=8):
    return [
        *("wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s"),
        *("--timeout=30s", "--latency", url),
    ]


def run_wrk(url, duration):
    completed = subprocess.run(  # noqa: S603 (our own argv)
        wrk_command(url, duration), capture_output=True, text=True, check=True
    )
    return parse_wrk(completed.stdout)


def to_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * UNITS[match[2]]


def percentile(output, level):
    match = re.search(rf"^\s+{level}%\s+(\S+)\s*$", output, re.MULTILINE)
    if not match:
        raise ValueError(f"no {level}% latency in wrk's output (run with --latency)")
    return to_ms(match[1])


def parse_wrk(output):
    """A LoadResult from wrk's text report."""
    requests = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not requests or not rate:
        raise ValueError("not a wrk report:\n" + output)
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx[1])
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        errors += sum(int(count) for count in sockets.groups())
    return LoadResult(
        requests=int(requests[1]),
        requests_per_second=float(rate[1]),
        p50_ms=percentile(output, 50),
        p99_ms=percentile(output, 99),
        errors=errors,
    )
