"""`manage.py check --deploy` passes in the production environment the README documents, and the
HTTPS settings (redirect, HSTS) follow their environment variables.

Run in a subprocess: the settings module reads the environment once, at import, and the test
suite's own settings (portal.settings_test) turn the HTTPS redirect off.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "sonoivu.example.gov.vn"

# The README's "Production set-up" (DATABASE_URL, CACHE_URL and CELERY_BROKER_URL left out:
# the checks do not connect to them, and their defaults are checked the same way).
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": HOST,
    "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
    "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
}

HTTPS_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
)


def portal_env(**variables):
    """A clean environment: none of the shell's settings, the portal's settings module."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {**env, "DJANGO_SETTINGS_MODULE": "portal.settings", **variables}


def manage(*args, **variables):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=portal_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def https_settings(**variables):
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {HTTPS_SETTINGS!r}}}))"
    )
    result = manage("shell", "-c", script, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_in_the_documented_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_redirects_to_https_and_sends_a_modest_hsts_by_default():
    assert https_settings(**PRODUCTION_ENV) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_REDIRECT_EXEMPT": [r"^healthz$", r"^readyz$"],  # the health probes
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
    }


def test_each_https_setting_is_read_from_the_environment():
    assert https_settings(
        **PRODUCTION_ENV,
        DJANGO_SSL_REDIRECT="0",
        DJANGO_SSL_REDIRECT_EXEMPT=r"^healthz/$",
        DJANGO_HSTS_SECONDS="31536000",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="0",
        DJANGO_HSTS_PRELOAD="1",
    ) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_REDIRECT_EXEMPT": [r"^healthz$", r"^readyz$", r"^healthz/$"],
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": True,
    }


def test_local_development_neither_redirects_nor_sends_hsts():
    settings = https_settings(DJANGO_DEBUG="1")

    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
