"""Settings for the test suite: the same as production plus test-only speed-ups."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# One media folder per database engine and per pytest-xdist worker: CI runs the suite on
# PostgreSQL and SQLite at once, each in two processes.
_ENGINE = DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]  # noqa: F405
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "-".join(filter(None, ("media", _ENGINE, _WORKER)))  # noqa: F405
# Where WhiteNoise finds collected files: a folder no test fills (a test collecting sets its
# own). The checkout's staticfiles/, which `make up` fills (tests/integration/test_make_up.py),
# was scanned by every test client made after it, some 600 files: 25 ms a client.
STATIC_ROOT = BASE_DIR / "test-artifacts" / "static-root-left-empty"  # noqa: F405
# The test client and the browser tests speak plain HTTP to the server; production redirects it
# (DJANGO_SSL_REDIRECT), which tests/test_deploy_check.py checks.
SECURE_SSL_REDIRECT = False
