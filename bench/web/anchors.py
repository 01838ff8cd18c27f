"""The two anchors, built in a scratch folder: a Django project with one view returning
"hello" (the server's floor) and a fresh `wagtail start` site of the same Wagtail (the
framework's floor), both with DEBUG off. The first also answers `/bytes/<n>/` with n bytes: the
server's floor for a response as large as a page (a cache hit of a large page mostly moves bytes);
and, given the page cache's Redis, `/redis-get/` after one GET to it: the floor of a hit that
makes one Redis round trip (issue 17's goal: at most one per hit; with the workers' tracked
lease of the generation, cchc_news.public.tracked_lease, a hit from a worker's copy makes none).
"""

import os
import subprocess
import sys
from pathlib import Path

HELLO_SETTINGS = """\
DEBUG = False
SECRET_KEY = "bench-only-not-a-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "hello_urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
"""
HELLO_URLS = """\
import os

from django.http import HttpResponse
from django.urls import path

urlpatterns = [
    path("", lambda request: HttpResponse("hello")),
    path("bytes/<int:size>/", lambda request, size: HttpResponse(b"x" * size)),
]
if os.environ.get("HELLO_REDIS_URL"):
    import redis

    client = redis.Redis.from_url(os.environ["HELLO_REDIS_URL"])  # pooled, one per process

    def one_get(request):
        client.get("bench:hello")
        return HttpResponse("hello")

    urlpatterns.append(path("redis-get/", one_get))
"""
HELLO_WSGI = """\
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hello_settings")
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
"""
# The started site's own settings, as production would run them without collectstatic.
WAGTAIL_SETTINGS = """\
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-a-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"
STORAGES["staticfiles"]["BACKEND"] = STATIC  # noqa: F405
"""


def clean_environment(**extra):
    """The environment without the project's settings variables (the anchors have their own)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "CACHE_"))
    }
    env.pop("PYTHONPATH", None)
    return {**env, **extra}


def build_hello(scratch, redis_url=""):
    """The trivial project; `redis_url` (the page cache's Redis): with its /redis-get/ view."""
    folder = Path(scratch) / "hello"
    folder.mkdir()
    (folder / "hello_settings.py").write_text(HELLO_SETTINGS)
    (folder / "hello_urls.py").write_text(HELLO_URLS)
    (folder / "hello_wsgi.py").write_text(HELLO_WSGI)
    return {
        "cwd": folder,
        "wsgi": "hello_wsgi:application",
        "env": clean_environment(**({"HELLO_REDIS_URL": redis_url} if redis_url else {})),
        "path": "/",
    }


def build_wagtail(scratch):
    """`wagtail start anchor`, its own settings module, migrated on SQLite."""
    folder = Path(scratch) / "wagtail"
    folder.mkdir()
    wagtail = Path(sys.prefix) / "bin" / "wagtail"
    start = [str(wagtail), "start", "anchor", str(folder)]
    subprocess.run(start, check=True, capture_output=True)  # noqa: S603 (our own argv)
    (folder / "anchor" / "settings" / "bench.py").write_text(WAGTAIL_SETTINGS)
    env = clean_environment(DJANGO_SETTINGS_MODULE="anchor.settings.bench")
    subprocess.run(  # noqa: S603 (our own argv)
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    return {"cwd": folder, "wsgi": "anchor.wsgi:application", "env": env, "path": "/"}
