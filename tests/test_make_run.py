"""`make run` on another port: every address it prints, serves and gives the portal follows PORT."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dry_run(*arguments):
    """The commands `make run` would run (make -n runs none of them)."""
    result = subprocess.run(
        ["make", "-n", "run", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    return result.stdout


def test_port_sets_the_served_printed_and_configured_addresses():
    commands = dry_run("PORT=8031")
    django_commands = [line for line in commands.splitlines() if "manage.py" in line]
    assert django_commands, commands
    # setup_cchc (run by seed_demo) gives the Wagtail Site this port; feeds and e-mails use it.
    for line in django_commands:
        assert "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8031" in line
    assert "CCHC_ADDRESS=127.0.0.1:8031" in commands  # runserver's address
    assert "Serving on http://127.0.0.1:8031/" in commands
    assert not re.search(r":8000\b", commands)


def test_readme_says_how_to_run_on_another_port():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    two_commands = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    assert "make run PORT=" in two_commands


def test_the_demos_warnings_go_to_a_file_not_between_the_command_and_the_logins():
    commands = dry_run()
    seed = next(line for line in commands.splitlines() if "manage.py seed_demo" in line)
    assert "2> var/run/demo-setup.log" in seed
    assert "cat var/run/demo-setup.log" in seed  # shown when it fails
    tick = next(line for line in commands.splitlines() if "run_scheduler --once" in line)
    assert "> var/run/first-tick.log 2>&1" in tick
    assert "cat var/run/first-tick.log" in tick
