"""The worker and beat log like the web: LOG_FORMAT=json makes every line of theirs JSON."""

import json
import os
import signal
import subprocess
import sys

import pytest

from cchc_news.tasks import send_outbox
from portal.log_context import bind_request, unbind_request

from .conftest import BROKER_URL, ROOT, database_url, requires_worker_services, wait_for

pytestmark = [
    pytest.mark.integration,
    requires_worker_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Request:
    request_id = "req-worker-1"


def json_lines(path):
    """Every line of the file as JSON: a line that is not JSON fails the test."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("pool", ["solo", "prefork"])
def test_a_task_enqueued_in_a_request_logs_its_task_id_and_the_request_id(
    start_worker, monkeypatch, pool
):
    monkeypatch.setenv("LOG_FORMAT", "json")
    monkeypatch.setenv("CELERY_QUIET", "1")  # `celery --quiet`: no banner on standard output
    worker = start_worker(pool)

    token = bind_request(Request())
    try:
        result = send_outbox.delay()
    finally:
        unbind_request(token)

    def finished():
        return any(
            line.get("task_id") == result.id and "succeeded" in line["message"]
            for line in json_lines(worker.log_path)
        )

    assert wait_for(finished), worker.log_path.read_text()
    lines = json_lines(worker.log_path)
    [done] = [line for line in lines if line.get("task_id") == result.id]
    assert done["logger"] == "celery.app.trace" and done["request_id"] == "req-worker-1"
    assert any(line["message"].endswith(" ready.") for line in lines)


def test_beat_logs_json_lines(tmp_path):
    environ = os.environ | {
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
        "CCHC_TICK_SECONDS": "3600",  # nothing is due while it runs
        "LOG_FORMAT": "json",
    }
    log_path = tmp_path / "beat.log"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "--quiet",
        "beat",
        "--schedule",
        str(tmp_path / "celerybeat-schedule"),
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environ, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        assert wait_for(lambda: "Starting..." in log_path.read_text()), log_path.read_text()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    lines = json_lines(log_path)
    assert any(line["logger"] == "celery.beat" for line in lines)
