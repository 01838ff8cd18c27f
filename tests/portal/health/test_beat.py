"""Celery beat with the portal's HeartbeatScheduler records the scheduler's heartbeat itself."""

import os
import subprocess
import sys

import pytest
from django.utils import timezone

from cchc_news.heartbeat import HEARTBEAT_EVERY, last_heartbeat
from portal.celery import app
from portal.health.beat import HeartbeatScheduler
from tests.integration import conftest as integration
from tests.integration.own_redis import redis_server_available


@pytest.fixture
def nothing_scheduled():
    saved = app.conf.beat_schedule
    app.conf.beat_schedule = {}
    yield
    app.conf.beat_schedule = saved


# No transaction around the scheduler's pass, as in beat (it closes obsolete connections).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_pass_of_beat_records_the_heartbeat(tmp_path, nothing_scheduled):
    scheduler = HeartbeatScheduler(app=app, schedule_filename=str(tmp_path / "schedule"))
    before = timezone.now()
    try:
        interval = scheduler.tick()
    finally:
        scheduler.close()
    assert last_heartbeat() >= before
    assert interval <= HEARTBEAT_EVERY  # beat wakes often enough to keep the heartbeat fresh


def test_an_introspecting_beat_records_nothing(tmp_path):
    """`celery beat` builds a lazy scheduler to describe itself: no database touched."""
    HeartbeatScheduler(app=app, schedule_filename=str(tmp_path / "schedule"), lazy=True)


@pytest.mark.integration
@pytest.mark.timeout(120)
@integration.requires_worker_services
@pytest.mark.skipif(not redis_server_available(), reason="needs redis-server")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_celery_beat_records_it_with_no_worker(tmp_path, own_redis):
    """The real command line of the production stack, and no worker: beat alone beats."""
    env = os.environ | {
        "PYTHONPATH": f"{integration.ROOT / 'site'}{os.pathsep}{integration.ROOT}",
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": integration.database_url(),
        "CELERY_BROKER_URL": own_redis.url(0),
    }
    command = [sys.executable, "-m", "celery", "-A", "portal", "beat"]
    command += ["-S", "portal.health.beat.HeartbeatScheduler"]
    command += ["--schedule", str(tmp_path / "celerybeat-schedule"), "--loglevel=INFO"]
    log = tmp_path / "beat.log"
    with open(log, "w") as output:
        beat = subprocess.Popen(
            command, cwd=integration.ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            assert integration.wait_for(lambda: last_heartbeat() is not None, timeout=60), (
                log.read_text()
            )
        finally:
            beat.terminate()
            beat.wait(timeout=20)
