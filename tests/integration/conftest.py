"""A real Celery worker on Redis, running against the test database (PostgreSQL)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")


def redis_available():
    try:
        return redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def database_url():
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{db['NAME']}"


requires_worker_services = pytest.mark.skipif(
    connection.vendor != "postgresql" or not redis_available(),
    reason="needs PostgreSQL (a database the worker process can share) and Redis; CI has both",
)


@pytest.fixture
def celery_worker(settings):
    """Start `celery worker` in a subprocess on a private queue; yield the queue name."""
    from portal.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = os.environ | {
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
    }
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "test-artifacts" / f"celery-{queue}.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    previous = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER_URL
    app.conf.task_default_queue = queue
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        wait_until_ready(app, queue, worker)
        yield queue
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue = previous
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()


def wait_until_ready(app, queue, worker, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError("the Celery worker exited; see test-artifacts/celery-*.log")
        replies = app.control.ping(timeout=1, destination=None) or []
        if replies:
            return
    raise RuntimeError("the Celery worker did not start in time")


def wait_for(condition, timeout=60, interval=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False
