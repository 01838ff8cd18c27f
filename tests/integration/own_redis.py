"""A redis-server of the test's own, on a free port, that a test may freeze (SIGSTOP).

Never the machine's shared Redis: a frozen process is what the test is about.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest
import redis
from django.test import override_settings

from portal.cache import resilient_redis_cache


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    def __init__(self, *options):
        """`options`: more of redis-server's command line (`--rename-command`, say)."""
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="cchc-redis-")
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.folder,
                *options,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.frozen = False
        self._wait_until_up()

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def _wait_until_up(self):
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        for _ in range(100):
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def commands_during(self, action):
        """(action's result, {command: calls} the server served meanwhile), INFO not counted."""
        observer = redis.Redis.from_url(self.url(0))  # connected (HELLO) before counting starts
        before = commands_served(observer)
        result = action()
        after = commands_served(observer)
        spent = {name: calls - before.get(name, 0) for name, calls in after.items()}
        return result, {name: calls for name, calls in spent.items() if calls}

    def freeze(self):
        """Alive but not answering: connections are accepted by the kernel, never served."""
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)
        self.frozen = False

    def stop(self):
        if self.frozen:
            self.thaw()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def commands_served(observer):
    """{command: calls} served so far, not counting the INFO that asks."""
    stats = observer.info("commandstats")
    return {
        name.removeprefix("cmdstat_"): figures["calls"]
        for name, figures in stats.items()
        if name != "cmdstat_info"
    }


def redis_server_available():
    return shutil.which("redis-server") is not None


@pytest.fixture
def own_redis():
    server = OwnRedis()
    yield server
    server.stop()


def cache_on(server):
    """The default cache on `server`'s database 1, as the portal configures it for CACHE_URL."""
    return override_settings(CACHES={"default": resilient_redis_cache(server.url(1))})


def use_broker(app, url):
    """Point `app` at the broker `url`: its pooled connections and producers are dropped.

    The pools are made once, with the broker of that moment: left alone, a ping or a task sent
    after a change of broker would still go to the previous one. They are dropped, not closed:
    kombu keeps them in a registry of its own by broker, and hands the same pool back when
    the app returns to that broker (a closed one would refuse every acquire).
    """
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def broker_on(server):
    """Celery's broker on `server`'s database 0 (no longer eager), with the portal's timeouts;
    afterwards the app forgets its connections to the server (stopped or frozen by then)."""
    from portal.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    use_broker(app, server.url(0))
    app.conf.task_always_eager = False
    try:
        with override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=server.url(0)):
            yield server
    finally:
        use_broker(app, saved[0])
        app.conf.task_always_eager = saved[1]
