"""Runtime files stay out of the repository: .gitignore covers what the stack writes in the
working tree (Celery beat's schedule, pid files, `make up`'s .env and var/)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_FILES = [
    "celerybeat-schedule",
    "celerybeat-schedule.db",
    "celerybeat-schedule.dir",
    "celerybeat.pid",
    "dump.rdb",
    ".env",
    "var/celerybeat-schedule",
    "var/log/web.log",
]
KEPT = ["requirements.txt", "requirements-dev.txt", "requirements.in", "site/portal/settings.py"]


def ignored(paths):
    # --no-index: judged by the rules alone, whether or not a file is tracked or exists.
    proc = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],  # noqa: S607
        input="\n".join(paths),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return set(proc.stdout.split())


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout"
)
def test_runtime_files_are_ignored_and_the_locks_are_not():
    assert ignored(RUNTIME_FILES) == set(RUNTIME_FILES)
    assert ignored(KEPT) == set()


def test_the_suite_scans_no_collected_files():
    """WhiteNoise scans STATIC_ROOT whenever a test client is made: the suite's is a folder no
    test fills, not the checkout's staticfiles/, which `make up` fills half way through a run
    (tests/integration/test_make_up.py) and made every later test client scan its files."""
    from django.conf import settings

    root = Path(settings.STATIC_ROOT)
    assert root != Path(settings.BASE_DIR) / "staticfiles"
    assert not root.exists() or not any(root.iterdir())
