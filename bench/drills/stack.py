"""The drills' local stack: a PostgreSQL database, a redis-server, a Celery worker and beat,
gunicorn. Every process is started here in a process group of its own and stopped by pid
(never by name); everything started is also stopped at exit and on Ctrl-C (`Cleanup`)."""

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
import redis
import requests

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


class Cleanup:
    """Callables run once, newest first, at exit, on SIGINT/SIGTERM, or when asked."""

    def __init__(self, handle_signals=False):
        self.actions = []
        atexit.register(self.run)
        if handle_signals:  # the command line; under pytest, pytest's own handlers stay
            for number in (signal.SIGINT, signal.SIGTERM):
                signal.signal(number, self._interrupted)

    def add(self, action):
        self.actions.append(action)
        return action

    def discard(self, action):
        with contextlib.suppress(ValueError):
            self.actions.remove(action)

    def run(self):
        while self.actions:
            action = self.actions.pop()
            with contextlib.suppress(Exception):
                action()

    def _interrupted(self, number, frame):
        self.run()
        raise KeyboardInterrupt


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout, interval=0.2):
    """Poll `condition()` until it is true (returns True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if condition():
                return True
        time.sleep(interval)
    return False


class Postgres:
    """Databases of the drills on the server of DRILLS_DATABASE_URL (default: local postgres)."""

    def __init__(self, server_url=None):
        import dj_database_url

        self.server_url = server_url or os.environ.get("DRILLS_DATABASE_URL") or DEFAULT_SERVER
        self.config = dj_database_url.parse(self.server_url)

    def connect(self, name="postgres"):
        config = self.config
        return psycopg2.connect(
            dbname=name,
            user=config["USER"],
            password=config["PASSWORD"] or None,
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            connect_timeout=5,
        )

    def admin(self, sql):
        connection = self.connect()
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()

    def create(self, name, template=None):
        suffix = f' TEMPLATE "{template}"' if template else ""
        self.admin(f'CREATE DATABASE "{name}"{suffix}')

    def drop(self, name):
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url(self, name):
        config = self.config
        password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
        host, port = config["HOST"] or "127.0.0.1", config["PORT"] or 5432
        return f"postgres://{config['USER']}{password}@{host}:{port}/{name}"

    def version(self):
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                return cursor.fetchone()[0]
        finally:
            connection.close()


class Process:
    """One command in its own process group, its output in a log file."""

    def __init__(self, name, argv, env, log_dir):
        self.name, self.argv, self.env = name, argv, env
        self.log_path = Path(log_dir) / f"{name}.log"
        self.process = None
        self.stopped = False  # stopped or killed on purpose: the supervisor leaves it

    def start(self):
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own argv)
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def pid(self):
        return self.process.pid

    def running(self):
        return self.process is not None and self.process.poll() is None

    def signal_group(self, number):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, number)

    def kill(self):
        """SIGKILL the whole group (the main process and its children), as a power cut would."""
        self.stopped = True
        self.signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self, grace=15):
        self.stopped = True
        if self.process is None:
            return
        self.signal_group(signal.SIGCONT)  # a stopped process cannot handle SIGTERM
        if self.running():
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=grace)
        self.signal_group(signal.SIGKILL)  # whatever is left of the group
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def log_text(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def last_error(self):
        """The last CRITICAL or ERROR line of its log, shortened."""
        lines = [line for line in self.log_text().splitlines() if "CRITICAL" in line]
        lines = lines or [line for line in self.log_text().splitlines() if "ERROR" in line]
        return lines[-1].split("] ", 1)[-1][:140] if lines else "no error logged"


class Supervisor:
    """Starts again a service that exited by itself, as systemd's Restart=always does (README:
    the three services run under a supervisor); each restart is reported."""

    def __init__(self, restart_after=1.0):
        import threading

        self.processes, self.events = [], []
        self.restart_after = restart_after
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)

    def add(self, process):
        self.processes.append(process)
        return process

    def start(self):
        self.thread.start()
        return self

    def watch(self):
        while not self.stopping.wait(1.0):
            for process in list(self.processes):
                if process.stopped or process.running():
                    continue
                self.events.append(f"{process.name} exited by itself ({process.last_error()})")
                time.sleep(self.restart_after)
                if not (process.stopped or self.stopping.is_set()):
                    process.start()

    def stop(self):
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(timeout=5)


class RedisServer(Process):
    """A redis-server of the drill's own on a free port, without persistence."""

    def __init__(self, log_dir, port=None):
        self.port = port or free_port()
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no"]
        super().__init__(f"redis-{self.port}", argv, os.environ.copy(), log_dir)

    def url(self, db):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def ping(self):
        return redis.Redis(port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5).ping()

    def start(self):
        super().start()
        if not wait_for(self.ping, 10):
            raise RuntimeError(f"redis-server did not start; see {self.log_path}")
        return self

    def pause(self):
        """SIGSTOP: the process is alive and its port accepts connections, nothing answers."""
        os.kill(self.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.pid, signal.SIGCONT)


def python_env(extra):
    return os.environ | {"PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}"} | extra


def celery(*args):
    return [sys.executable, "-m", "celery", "-A", "portal", *args, "--loglevel=INFO"]


def worker_argv(node):
    options = ["--without-heartbeat", "--without-mingle", "--without-gossip"]
    return celery("worker", "--pool=prefork", "--concurrency=2", "-n", node, *options)


def web_argv(port):
    return [
        sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", "3", "--timeout", "30", "--no-control-socket",
    ]  # fmt: skip


class Stack:
    """One drill's stack: its database (a copy of the template), Redis, worker, beat, web,
    the central e-bulletin's receiver and the SMTP sink; `stop()` removes all of it."""

    def __init__(self, name, postgres, template, work_dir, tick_seconds=2):
        from .receiver import Receiver
        from .smtp_sink import SmtpSink

        self.name, self.postgres, self.template = name, postgres, template
        self.work_dir = Path(work_dir) / name
        shutil.rmtree(self.work_dir, ignore_errors=True)  # the logs of this run only
        self.work_dir.mkdir(parents=True)
        self.database = f"{template.removesuffix('_template')}_{name}"
        self.tick_seconds = tick_seconds
        self.receiver, self.sink = Receiver(), SmtpSink()
        self.redis, self.workers, self.beat, self.web = None, [], None, None
        self.web_port = free_port()
        self.supervisor = Supervisor()
        self._stops = []

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.web_port}"

    def env(self):
        env = python_env(
            {
                "DJANGO_SETTINGS_MODULE": "bench.drills.settings",
                "DJANGO_SECRET_KEY": "drills-only-not-a-secret",
                "DATABASE_URL": self.postgres.url(self.database),
                "CELERY_BROKER_URL": self.redis.url(0),
                "CACHE_URL": self.redis.url(1),
                "CENTRAL_FEED_URL": self.receiver.url,
                "CENTRAL_FEED_SECRET": receiver_secret(),
                "CCHC_TICK_SECONDS": str(self.tick_seconds),
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.sink.port),
                "EMAIL_TIMEOUT": "5",
                # Plain HTTP on loopback: no TLS proxy in front, so no HTTPS redirect or HSTS.
                "DJANGO_SECURE_COOKIES": "0",
                "DJANGO_SSL_REDIRECT": "0",
                "DJANGO_HSTS_SECONDS": "0",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "MEDIA_ROOT": str(self.work_dir / "media"),
                "WAGTAILADMIN_BASE_URL": self.base_url,
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.pop("DJANGO_DEBUG", None)
        return env

    def _on_stop(self, action):
        self._stops.append(action)

    def start(self):
        self.postgres.create(self.database, self.template)
        if not os.environ.get("DRILLS_KEEP_DATABASES"):  # kept to look into a failure
            self._on_stop(lambda: self.postgres.drop(self.database))
        self.redis = RedisServer(self.work_dir).start()
        self._on_stop(self.redis.stop)
        self.receiver.start()
        self._on_stop(self.receiver.stop)
        self.sink.start()
        self._on_stop(self.sink.stop)
        self.start_worker()
        schedule = self.work_dir / "beat-schedule"
        pidfile = f"--pidfile={self.work_dir / 'beat.pid'}"
        argv = celery("beat", "-s", str(schedule), pidfile)
        self.beat = self.supervisor.add(Process("beat", argv, self.env(), self.work_dir).start())
        self._on_stop(self.beat.stop)
        web = Process("web", web_argv(self.web_port), self.env(), self.work_dir)
        self.web = self.supervisor.add(web.start())
        self._on_stop(self.web.stop)
        if not wait_for(lambda: requests.get(self.base_url + "/admin/login/", timeout=5).ok, 60):
            raise RuntimeError(f"gunicorn did not start; see {self.web.log_path}")
        self.supervisor.start()
        self._on_stop(self.supervisor.stop)
        return self

    def start_worker(self):
        """A new worker (the drill's first, or the one started after a kill); waits until ready."""
        node = f"drills{len(self.workers) + 1}@{self.name}"
        name = f"worker{len(self.workers) + 1}"
        worker = Process(name, worker_argv(node), self.env(), self.work_dir).start()
        self.workers.append(self.supervisor.add(worker))
        self._on_stop(worker.stop)
        if not wait_for(lambda: " ready." in worker.log_text(), 60):
            raise RuntimeError(f"the Celery worker did not start; see {worker.log_path}")
        return worker

    def restart_redis(self):
        """Start Redis again on the same port (empty: it keeps nothing on disk)."""
        self.redis = RedisServer(self.work_dir, port=self.redis.port).start()
        self._on_stop(self.redis.stop)

    def connect(self):
        return self.postgres.connect(self.database)

    def stop(self):
        """Stop everything, whatever fails on the way (also after a Ctrl-C in start())."""
        self.supervisor.stop()
        for process in [*self.workers, self.beat, self.web]:
            if process is not None and process.running():  # all at once, then each waited for
                process.stopped = True
                with contextlib.suppress(Exception):
                    process.signal_group(signal.SIGCONT)
                    process.process.terminate()
        while self._stops:
            action = self._stops.pop()
            with contextlib.suppress(Exception):
                action()


def receiver_secret():
    from .receiver import SECRET

    return SECRET
