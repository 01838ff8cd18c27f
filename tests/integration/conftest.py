"""A real Celery worker on Redis, running against the test database (PostgreSQL)."""

import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.integration.own_redis import redis_server_available, use_broker

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
# An integration test whose processes share the test database and a redis-server of its own.
SHARED_DATABASE_AND_OWN_REDIS = [
    pytest.mark.integration,
    requires_worker_services,
    pytest.mark.skipif(not redis_server_available(), reason="needs redis-server"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

_names = itertools.count(1)


class Worker:
    """One `celery worker` process (and its pool processes) consuming `queue`."""

    def __init__(self, app, queue, pool="solo"):
        self.app, self.queue, self.pool = app, queue, pool
        self.node = f"{queue}-{next(_names)}@test"
        env = os.environ | {
            "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "portal.settings_test",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": BROKER_URL,
        }
        pool_options = ["--pool=solo"] if pool == "solo" else [f"--pool={pool}", "--concurrency=1"]
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        self.log_path = ROOT / "test-artifacts" / f"celery-{self.node.split('@')[0]}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                *pool_options,
                "-Q",
                queue,
                "-n",
                self.node,
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its pool processes
        )

    @property
    def pid(self):
        return self.process.pid

    def wait_until_ready(self, timeout=120):  # a loaded 2-core machine starts one slowly
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited; see {self.log_path}")
            if self.app.control.ping(destination=[self.node], timeout=0.5):
                return self
        raise RuntimeError("the Celery worker did not start in time")

    def pool_processes(self):
        """Pids of the pool processes (prefork's children of the main process)."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def kill(self):
        """SIGKILL the whole worker, as the out-of-memory killer or a power cut would."""
        os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        # Whatever is left of its process group (the pool processes of a killed worker).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()


def forget_queue(queue):
    """Drop the queue's messages from Redis, the unacknowledged ones of killed workers too.

    Left there, a worker of a later run would hand them back to a queue nobody reads once
    the visibility timeout has passed.
    """
    client = redis.Redis.from_url(BROKER_URL)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, value in client.hgetall("unacked").items():
        try:
            _message, _exchange, routing_key = json.loads(value)
        except ValueError:
            continue
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.fixture
def start_worker(settings):
    """Start workers on one private queue (tasks sent from the test go there); all stopped after."""
    from portal.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    previous = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    use_broker(app, BROKER_URL)
    app.conf.task_default_queue = queue
    settings.CELERY_TASK_ALWAYS_EAGER = False
    workers = []

    def start(pool="solo"):
        workers.append(Worker(app, queue, pool))
        return workers[-1].wait_until_ready()

    try:
        yield start
    finally:
        app.conf.task_always_eager, broker_url, app.conf.task_default_queue = previous
        use_broker(app, broker_url)
        for worker in workers:
            worker.stop()
        forget_queue(queue)


@pytest.fixture
def celery_worker(start_worker):
    """One solo worker; yields its queue's name."""
    yield start_worker().queue


def wait_for(condition, timeout=60, interval=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False
