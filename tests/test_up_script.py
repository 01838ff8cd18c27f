"""scripts/up.py (`make up`): the .env it writes and the order in which settings are read."""

import importlib.util
import os
import stat
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_up():
    spec = importlib.util.spec_from_file_location("up_script", ROOT / "scripts" / "up.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


up = load_up()


# What the test run sets (pytest-django: DJANGO_SETTINGS_MODULE) or a developer's shell may.
UNSET = (
    "HOST",
    "PORT",
    "WAGTAILADMIN_BASE_URL",
    "DATABASE_URL",
    "DJANGO_SECRET_KEY",
    "DJANGO_SUPERUSER_PASSWORD",
    "DJANGO_DEBUG",
    "DJANGO_SETTINGS_MODULE",
)


@pytest.fixture
def environ(tmp_path):
    """os.environ as it was before the test, whatever load_settings() set."""
    saved = dict(os.environ)
    for name in UNSET:
        os.environ.pop(name, None)
    os.environ["CCHC_RUN_DIR"] = str(tmp_path / "run")
    yield os.environ
    os.environ.clear()
    os.environ.update(saved)


def test_env_file_holds_a_generated_secret_and_password_for_its_owner_only(environ, tmp_path):
    path = tmp_path / ".env"
    password = up.write_env_file(path)
    text = path.read_text()
    assert f"DJANGO_SUPERUSER_PASSWORD={password}\n" in text and len(password) >= 16
    secret = next(line for line in text.splitlines() if line.startswith("DJANGO_SECRET_KEY="))
    assert len(secret.split("=", 1)[1]) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert up.write_env_file(tmp_path / "other") != password  # a new one each time


def test_a_password_from_the_environment_is_not_written(environ, tmp_path):
    environ["DJANGO_SUPERUSER_PASSWORD"] = "from-the-environment-42"
    assert up.write_env_file(tmp_path / ".env") is None
    assert "from-the-environment-42" not in (tmp_path / ".env").read_text()


def test_the_environment_wins_over_the_env_file(environ, tmp_path):
    path = tmp_path / ".env"
    up.write_env_file(path)
    environ["PORT"] = "8031"
    environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/cchc_second"
    up.load_settings(path)
    assert environ["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5432/cchc_second"
    # ${PORT} in the file takes the environment's value: the second stack's own address.
    assert environ["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8031"
    assert environ["CCHC_BIND"] == "127.0.0.1:8031"
    assert environ["DJANGO_DEBUG"] == "0"
    assert environ["DJANGO_SETTINGS_MODULE"] == "portal.settings"


def test_the_env_file_fills_what_the_environment_leaves_unset(environ, tmp_path):
    path = tmp_path / ".env"
    up.write_env_file(path)
    up.load_settings(path)
    assert environ["PORT"] == "8000"
    assert environ["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8000"
    assert environ["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5432/cchc"
    assert environ["DJANGO_SECRET_KEY"]
    assert (tmp_path / "run").is_dir()


def test_collectstatic_runs_again_only_when_the_static_files_changed(monkeypatch, tmp_path):
    calls, fingerprint = [], ["one"]
    monkeypatch.setattr(up, "ROOT", tmp_path)
    monkeypatch.setattr(up, "manage", lambda *arguments: calls.append(arguments[0]))
    monkeypatch.setattr(up, "static_fingerprint", lambda: fingerprint[0])
    up.collect_static()
    up.collect_static()
    assert calls == ["collectstatic"]
    fingerprint[0] = "two"  # a file added, changed or removed, or the manifest deleted
    up.collect_static()
    assert calls == ["collectstatic", "collectstatic"]


def test_the_static_fingerprint_follows_the_source_files(environ, tmp_path, settings):
    source = tmp_path / "static"
    source.mkdir()
    (source / "site.css").write_text("body {}")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    before = up.static_fingerprint()
    assert up.static_fingerprint() == before
    (source / "site.css").write_text("body { color: red }")
    assert up.static_fingerprint() != before
