"""`make up` end to end: the production stack on a fresh database, its own port and Redis
databases; the administrator it created logs in; an item scheduled by the administrator goes
live through beat and the real worker; its canonical link carries the configured address; a
SIGTERM to make stops every process of the stack.

Runs on the PostgreSQL run of the suite only (the server of STACK_DATABASE_URL or DATABASE_URL;
it creates and drops a database of its own), with the machine's Redis (databases 12 and 13,
flushed after). About a minute and a half, most of it the migrations.
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
import redis
import requests

from bench.drills.stack import ROOT, Postgres, free_port, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.stack]

REDIS = os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379")
BROKER_DB, CACHE_DB = 12, 13
ADMIN = ("quantri", "Cong-thu-nghiem-2026!")


def postgres_server():
    url = os.environ.get("STACK_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def why_not_available():
    if postgres_server() is None:
        return "no PostgreSQL server named (STACK_DATABASE_URL or DATABASE_URL)"
    try:
        Postgres(postgres_server()).version()
        redis.Redis.from_url(f"{REDIS}/{BROKER_DB}", socket_connect_timeout=1).ping()
    except Exception as error:
        return f"PostgreSQL or Redis unreachable: {error}"
    return None


def stack_environment(tmp_path, database_url, port):
    """The test run's environment with the stack's own database, port, Redis and admin."""
    env = os.environ | {
        "CCHC_ENV_FILE": str(tmp_path / "env"),  # written by `make up`: not the repository's
        "CCHC_RUN_DIR": str(tmp_path / "run"),
        "DATABASE_URL": database_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "CELERY_BROKER_URL": f"{REDIS}/{BROKER_DB}",
        "CACHE_URL": f"{REDIS}/{CACHE_DB}",
        "DJANGO_SUPERUSER_USERNAME": ADMIN[0],
        "DJANGO_SUPERUSER_PASSWORD": ADMIN[1],
        "DJANGO_SECRET_KEY": "stack-test-" + uuid.uuid4().hex,
        "CCHC_TICK_SECONDS": "2",
        "WEB_CONCURRENCY": "2",
    }
    for variable in ("DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG", "WAGTAILADMIN_BASE_URL"):
        env.pop(variable, None)  # the test run's own; `make up` sets them
    return env


@pytest.fixture
def stack(tmp_path):
    """`make up` started in a process group of its own; yields its environment and process."""
    reason = why_not_available()
    if reason:
        pytest.skip(reason)
    postgres = Postgres(postgres_server())
    name = f"cchc_up_{uuid.uuid4().hex[:8]}"
    port = free_port()
    env = stack_environment(tmp_path, postgres.url(name), port)
    log_path = tmp_path / "make-up.log"
    venv = Path(sys.executable).parent.parent
    with open(log_path, "w") as log:
        make = subprocess.Popen(
            ["make", "--no-print-directory", "up", f"VENV={venv}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield {"env": env, "make": make, "log": log_path, "url": f"http://127.0.0.1:{port}"}
    finally:
        stop_everything(make)
        postgres.drop(name)
        for db in (BROKER_DB, CACHE_DB):
            redis.Redis.from_url(f"{REDIS}/{db}").flushdb()


def stop_everything(make):
    """After a failure too: SIGTERM to make, then SIGKILL to whatever of the stack is left.

    honcho starts each program in a session of its own: killing make's process group alone
    would leave gunicorn, the worker and beat running, so they are found by parentage."""
    running = descendants(make.pid)
    if make.poll() is None:
        make.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            make.wait(timeout=20)
    for pid in still_running(running):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if make.poll() is None:
        os.killpg(make.pid, signal.SIGKILL)
    make.wait(timeout=10)


def log_text(stack):
    return stack["log"].read_text(errors="replace")


def processes():
    """{pid: (parent pid, start time, command line)} of every process on the machine."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        table[int(entry.name)] = (int(fields[1]), fields[19], command, fields[0])
    return table


def descendants(root):
    """{pid: (start time, command line)} of the processes below `root`."""
    table = processes()
    found, frontier = {}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, started, command, _state) in table.items():
            if ppid == parent and pid not in found:
                found[pid] = (started, command)
                frontier.append(pid)
    return found


def still_running(known):
    """The processes of `known` that still run (same pid and start time, not a zombie)."""
    table = processes()
    return {
        pid: command
        for pid, (started, command) in known.items()
        if pid in table and table[pid][1] == started and table[pid][3] != "Z"
    }


READY_COMPONENTS = {"database", "cache", "broker", "worker", "beat", "assembly"}  # portal.health


def wait_until_serving(stack, timeout=240):
    """Until /readyz says every component is well: the web, the worker and beat all up."""
    answers = []

    def ready():
        assert stack["make"].poll() is None, log_text(stack)
        try:
            response = requests.get(stack["url"] + "/readyz?format=json", timeout=5)
        except requests.ConnectionError:
            return False
        answers.append(response.text)
        return response.status_code == 200

    assert wait_for(ready, timeout), (answers[-1:], log_text(stack)[-3000:])
    components = requests.get(stack["url"] + "/readyz?format=json", timeout=5).json()["components"]
    assert set(components) >= READY_COMPONENTS
    assert all(component["healthy"] for component in components.values()), components


def log_in(stack):
    session = requests.Session()
    login = stack["url"] + "/admin/login/"
    session.get(login, timeout=10).raise_for_status()
    response = session.post(
        login,
        data={
            "username": ADMIN[0],
            "password": ADMIN[1],
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login},
        timeout=20,
    )
    assert response.status_code == 200 and response.url == stack["url"] + "/admin/"
    return session


TITLE = "Một cửa liên thông qua make up"
SCHEDULE_ITEM = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from cchc_news.models import Agency, AgencyKind, NewsItemPage, Topic

admin = get_user_model().objects.get(username="{username}")
kind, _ = AgencyKind.objects.get_or_create(name="Sở, ban, ngành")
agency = Agency.objects.create(name="Sở Tư pháp", short_name="Sở Tư pháp", code="stp", kind=kind)
agency.refresh_from_db()
item = NewsItemPage(
    title="{title}",
    summary="Bài thử nghiệm được lên lịch đăng và đăng bởi tiến trình Celery.",
    body="<p>Nội dung bài thử nghiệm.</p>",
    topic=Topic.objects.get_or_create(name="Kết quả")[0],
    live=False,
    owner=admin,
)
agency.index_page.add_child(instance=item)
item.go_live_at = timezone.now() + timedelta(seconds=3)
item.save_revision(user=admin).publish(user=admin)  # scheduled: not live until a tick runs
item.refresh_from_db()
assert not item.live
print("ITEM", item.url_path)
"""


def schedule_item(stack):
    """An item the administrator scheduled, a few seconds ahead: only a tick publishes it."""
    env = stack["env"] | {"PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}"}
    code = textwrap.dedent(SCHEDULE_ITEM.format(username=ADMIN[0], title=TITLE))
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    url_path = re.search(r"^ITEM (\S+)$", result.stdout, re.MULTILINE)[1]
    return "/" + url_path.split("/", 2)[2]  # below the home page, which the site serves at /


def test_make_up_runs_the_stack_and_sigterm_stops_all_of_it(stack):
    wait_until_serving(stack)
    session = log_in(stack)
    path = schedule_item(stack)
    # The agency's listing, as visitors get it from the page cache of both web workers: each
    # keeps a copy of it and of the generation's lease, which Redis tells them to forget.
    listing = stack["url"] + path.rstrip("/").rsplit("/", 1)[0] + "/"
    before = [requests.get(listing, timeout=10) for _ in range(8)]
    assert {response.status_code for response in before} == {200}
    assert "HIT" in [response.headers["X-Cache"] for response in before]
    assert not any(TITLE in response.text for response in before)

    def published():
        return session.get(stack["url"] + path, timeout=10).status_code == 200

    assert wait_for(published, timeout=60), log_text(stack)[-3000:]
    # Published by a tick that beat sent and the worker ran (its line may follow the commit).
    assert wait_for(lambda: "scheduled_publishing: 1 published" in log_text(stack), timeout=10)
    # The change has returned: no visitor is served the listing from before it.
    after = [requests.get(listing, timeout=10) for _ in range(8)]
    assert all(TITLE in response.text for response in after)
    assert "HIT" in [response.headers["X-Cache"] for response in after]
    page = requests.get(stack["url"] + path, timeout=10).text
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page)[1]
    assert canonical == stack["url"] + path
    assert stack["url"] + path in requests.get(stack["url"] + "/sitemap.xml", timeout=10).text

    running = descendants(stack["make"].pid)
    commands = " ".join(command for _started, command in running.values())
    for program in ("gunicorn_conf.py portal.wsgi", "--quiet worker", "--quiet beat -S"):
        assert program in commands
    stack["make"].send_signal(signal.SIGTERM)
    stack["make"].wait(timeout=30)
    assert wait_for(lambda: not still_running(running), timeout=10), still_running(running)
    assert any(Path(stack["env"]["CCHC_RUN_DIR"]).glob("celerybeat-schedule*"))
    assert "celerybeat-schedule" not in " ".join(os.listdir(ROOT))
