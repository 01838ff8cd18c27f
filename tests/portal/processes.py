"""The portal's settings in a new Python process, without the caller's LOG_*/SENTRY_* variables."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(script, **env):
    """Run `script` (Python code) with the test settings and `env`; returns the finished process."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LOG_", "SENTRY_"))}
    environ |= {
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
