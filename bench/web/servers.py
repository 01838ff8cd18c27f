"""gunicorn servers started the same way for every target, and their workers' CPU time."""

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WORKERS = 2  # sync workers of every server


def gunicorn_binary():
    """The venv's gunicorn (the shared venv of a worktree is /work/main/.venv: sys.prefix)."""
    import sys

    return str(Path(sys.prefix) / "bin" / "gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn: 2 sync workers on a free port of 127.0.0.1, no config file, no access log."""

    def __init__(self, name, wsgi, cwd, env, log_path):
        self.name = name
        self.port = free_port()
        self.log = open(log_path, "ab")  # noqa: SIM115 (closed by stop())
        command = [
            gunicorn_binary(),
            *("--config", os.devnull, "--workers", str(WORKERS), "--worker-class", "sync"),
            *("--bind", f"127.0.0.1:{self.port}", "--timeout", "120", "--no-control-socket", wsgi),
        ]
        self.process = subprocess.Popen(  # noqa: S603 (our own argv)
            command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_ready(self, path, timeout=120):
        """Waits until `path` answers 200 (which also warms the workers up)."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: gunicorn exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url(path), timeout=30) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError as error:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{self.name}: {path} not ready: {error}") from error
            time.sleep(0.3)

    def drain(self, path, timeout=300):
        """Waits for requests still queued from the previous target (wrk stops sending, not the
        server working): one request per worker, sent together, must be answered."""
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for _ in pool.map(lambda _: self.get(path, timeout), range(WORKERS)):
                pass

    def get(self, path, timeout):
        with urllib.request.urlopen(self.url(path), timeout=timeout) as response:  # noqa: S310
            return response.read()

    def worker_cpu_seconds(self):
        """utime + stime of the master's children (the workers), from /proc."""
        return sum(process_cpu_seconds(pid) for pid in children(self.process.pid))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def children(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def process_cpu_seconds(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14, 15)
