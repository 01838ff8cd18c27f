"""The README's "Install into your Wagtail site" says what `make plugin-check` does to a new
`wagtail start` site (scripts/plugin_check/), word for word: the check proves the README."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "scripts" / "plugin_check"
HEADING = "## Install into your Wagtail site"


def readme_section():
    readme = (ROOT / "README.md").read_text()
    if HEADING not in readme:
        pytest.skip(f"README.md has no {HEADING!r} yet")
    section = readme.split(HEADING, 1)[1]
    return section.split("\n## ", 1)[0]


def test_readme_shows_the_settings_the_check_applies():
    assert (CHECK / "settings_snippet.py").read_text() in readme_section()


def test_readme_shows_the_url_lines_the_check_adds():
    path = CHECK / "configure_project.py"
    spec = importlib.util.spec_from_file_location("configure_project", path)
    configure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(configure)
    section = readme_section()
    lines = [line for _old, new in configure.URL_EDITS for line in new.splitlines()]
    added = [line for line in lines if "CCHC" in line]
    assert len(added) == 3
    for line in added:
        assert line in section, line
