"""`make up`: the production stack on this machine, from one command.

Writes `.env` on the first run (a generated secret key and administrator password, documented
defaults), loads it without overriding the environment (the dotenv rule: `PORT=8031 make up`
runs a second stack), creates the PostgreSQL database if missing, migrates, collects the static
files, runs setup_cchc and ensure_admin (and the demo data with --demo), then becomes honcho
(exec: the process that make started IS honcho, so SIGTERM or Ctrl-C reaches it and it stops
gunicorn, the Celery worker and beat, see Procfile).

honcho's own `.env` loading would let the file override the environment, so honcho gets
`--env /dev/null` and the variables come from here.
"""

import argparse
import hashlib
import os
import secrets
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROCFILE = ROOT / "Procfile"

ENV_TEMPLATE = """\
# Settings of `make up` (the production stack on this machine), written by scripts/up.py
# on {date}; never commit this file. A variable set in the environment wins over this file, so
# `PORT=8031 DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc2 make up` runs a second
# stack beside this one. ${{NAME}} is replaced by NAME's value (the environment's first).

# Production mode: no debug pages, compressed static files served by WhiteNoise.
DJANGO_DEBUG=0
# Signs sessions and password-reset links: keep it secret; a new one logs everybody out.
DJANGO_SECRET_KEY={secret_key}

# Where gunicorn listens, and its number of worker processes (about two per core).
HOST=127.0.0.1
PORT=8000
WEB_CONCURRENCY=2
# The portal's public address, stated once: links in e-mails and feeds, and the Wagtail
# Site's host name and port (setup_cchc applies them on every start), hence the canonical,
# Open Graph and sitemap links. Behind a TLS proxy: https://cong.example.gov.vn
WAGTAILADMIN_BASE_URL=http://${{HOST}}:${{PORT}}
# The host names the portal answers to (comma-separated).
DJANGO_ALLOWED_HOSTS=${{HOST}},localhost
# The portal's name in page titles and Open Graph (also applied to the Wagtail Site).
WAGTAIL_SITE_NAME="Sở Nội vụ"

# PostgreSQL: the database is created if missing (the role needs CREATEDB, or create it
# beforehand); the migrations create the unaccent extension, which the database owner may do
# (a trusted extension since PostgreSQL 13; otherwise a superuser must create it first).
DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc
# Redis: Celery's broker and the cache, in two different databases (the numbers after /).
CELERY_BROKER_URL=redis://127.0.0.1:6379/0
CACHE_URL=redis://127.0.0.1:6379/1

# Plain HTTP on this machine: no redirect to HTTPS, cookies also sent over HTTP, no HSTS.
# Behind a TLS-terminating proxy set 1, 1 and 3600 (README, "HTTPS").
DJANGO_SSL_REDIRECT=0
DJANGO_SECURE_COOKIES=0
DJANGO_HSTS_SECONDS=0

# E-mails are printed in the worker's log. To send them: EMAIL_BACKEND=
# django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS and DEFAULT_FROM_EMAIL.
EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

# The first administrator, created on the first start (manage.py ensure_admin) and left alone
# afterwards: change the password in the admin (Account); the password here is then unused.
DJANGO_SUPERUSER_USERNAME=admin
DJANGO_SUPERUSER_EMAIL=admin@example.invalid
{password_line}

# Runtime files of this stack (beat's schedule), one folder per port, outside git.
CCHC_RUN_DIR=var/${{PORT}}
LOG_LEVEL=INFO
"""


def env_file():
    return Path(os.environ.get("CCHC_ENV_FILE") or ROOT / ".env")


def write_env_file(path):
    """Write `path` from ENV_TEMPLATE; returns the generated administrator password, or None
    when DJANGO_SUPERUSER_PASSWORD comes from the environment."""
    password = None
    if os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
        password_line = "# DJANGO_SUPERUSER_PASSWORD: taken from the environment."  # noqa: S105
    else:
        password = secrets.token_urlsafe(12)
        password_line = f"DJANGO_SUPERUSER_PASSWORD={password}"
    text = ENV_TEMPLATE.format(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        secret_key=secrets.token_urlsafe(50),
        password_line=password_line,
    )
    # Only its owner may read it: it holds the secret key and a password.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    return password


def load_settings(path):
    """Load `path` under the environment (whose variables win), then the stack's fixed ones."""
    from dotenv import load_dotenv

    load_dotenv(path, override=False, interpolate=True)
    port = os.environ.setdefault("PORT", "8000")
    host = os.environ.setdefault("HOST", "127.0.0.1")
    os.environ.setdefault("WAGTAILADMIN_BASE_URL", f"http://{host}:{port}")
    run_dir = ROOT / os.environ.get("CCHC_RUN_DIR", f"var/{port}")  # absolute stays absolute
    run_dir.mkdir(parents=True, exist_ok=True)
    pythonpath = [str(ROOT / "site"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    os.environ.update(
        CCHC_RUN_DIR=str(run_dir),
        CCHC_BIND=f"{host}:{port}",
        CCHC_PYTHON=sys.executable,
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings"),
        PYTHONPATH=os.pathsep.join(filter(None, pythonpath)),
        PYTHONUNBUFFERED="1",
    )


def ensure_database(url):
    """CREATE DATABASE for a PostgreSQL `url` whose database does not exist; True if created."""
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith(("postgresql", "postgis")):
        return False
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )
    connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
            if cursor.fetchone():
                return False
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
            return True
    finally:
        connection.close()


def manage(*arguments):
    print(f"==> manage.py {' '.join(arguments)}", flush=True)
    started = time.monotonic()
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *arguments], cwd=ROOT, check=True)  # noqa: S603
    print(f"==> manage.py {arguments[0]}: {time.monotonic() - started:.0f} s", flush=True)


def static_fingerprint():
    """A digest of the settings' static storage and of every source static file (name, size,
    time): equal digests mean that collectstatic would write the same files again."""
    sys.path[:0] = [path for path in (str(ROOT / "site"), str(ROOT)) if path not in sys.path]
    import django
    from django.conf import settings
    from django.contrib.staticfiles import finders

    django.setup()
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"  # gone: collect again
    state = (settings.STATIC_ROOT, settings.STORAGES, manifest.exists())
    digest = hashlib.sha256(repr(state).encode())
    for finder in finders.get_finders():
        for path, storage in sorted(finder.list([]), key=lambda found: found[0]):
            status = os.stat(storage.path(path))
            digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static():
    """collectstatic, unless nothing changed since it last ran: compressing every file again
    (gzip and Brotli, WhiteNoise) takes most of a minute."""
    record = ROOT / "var" / "collectstatic.sha256"
    if record.exists() and record.read_text() == static_fingerprint():
        print("==> static files unchanged since the last collectstatic", flush=True)
        return
    manage("collectstatic", "--noinput", "--verbosity", "0")
    record.parent.mkdir(exist_ok=True)
    record.write_text(static_fingerprint())


def prepare(demo=False):
    """Everything before the processes start; each step is safe to repeat on every start."""
    if ensure_database(os.environ["DATABASE_URL"]):
        print(f"==> created the database of {os.environ['DATABASE_URL']}", flush=True)
    manage("migrate", "--noinput")
    collect_static()
    manage("setup_cchc")
    manage("ensure_admin")
    if demo:
        manage("seed_demo")  # rebuilds the search index too


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--demo", action="store_true", help="load the demo data (seed_demo)")
    return parser.parse_args(argv)


def main(argv=None):
    arguments = parse_arguments(argv)
    path = env_file()
    password = write_env_file(path) if not path.exists() else None
    load_settings(path)
    if "DATABASE_URL" not in os.environ:
        sys.exit(f"DATABASE_URL is not set (in the environment or {path}).")
    try:
        prepare(demo=arguments.demo)
    except subprocess.CalledProcessError as error:
        sys.exit(f"make up: {' '.join(error.cmd[1:])} failed (exit status {error.returncode}).")
    admin_url = os.environ["WAGTAILADMIN_BASE_URL"].rstrip("/") + "/admin/"
    print(f"==> Serving on {os.environ['WAGTAILADMIN_BASE_URL']} (admin: {admin_url})")
    if password:
        user = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        print(f"==> Administrator: {user}, password {password} (shown once; it is in {path})")
    print("==> Ctrl-C stops the web server, the worker and beat.", flush=True)
    honcho = str(Path(sys.executable).parent / "honcho")
    arguments = [honcho, "--env", "/dev/null", "-f", str(PROCFILE), "start"]
    os.execv(honcho, arguments)  # noqa: S606 (becomes honcho: the signals reach it)


if __name__ == "__main__":
    main()
