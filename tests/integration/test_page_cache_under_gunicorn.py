"""The page cache of two gunicorn workers, each with its copies of pages and its tracked lease
of the generation (cchc_news.public.tracked_lease), while this process publishes.

Once a publication has returned, no visitor is served a page from before it, by either
worker; between publications the workers answer from their copies without asking Redis.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from cchc_news.public import generation_lease
from tests.factories import NewsItemPageFactory

from .conftest import SHARED_DATABASE_AND_OWN_REDIS, database_url, wait_for
from .own_redis import cache_on, free_port, own_redis  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
PUBLICATIONS = 8
READS = 8  # per round: two workers, each read several times

pytestmark = SHARED_DATABASE_AND_OWN_REDIS


@pytest.fixture
def web(own_redis, tmp_path):  # noqa: F811
    """gunicorn with 2 sync workers on the test database, its cache on `own_redis`."""
    port = free_port()
    env = os.environ | {
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": database_url(),
        "CACHE_URL": own_redis.url(1),
        "CCHC_PAGE_CACHE_SECONDS": "300",
    }
    env.pop("CELERY_BROKER_URL", None)
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    gunicorn = Path(sys.prefix) / "bin" / "gunicorn"
    command = [str(gunicorn), "--config", os.devnull, "--workers", "2", "--worker-class", "sync"]
    command += ["--bind", f"127.0.0.1:{port}", "--no-control-socket", "portal.wsgi:application"]
    process = subprocess.Popen(command, cwd=ROOT / "site", env=env, stdout=log, stderr=log)  # noqa: S603
    url = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return requests.get(url + "/robots.txt", timeout=5).status_code == 200
        except requests.RequestException:
            return process.poll() is not None  # exited: reported below

    try:
        assert wait_for(answers, timeout=120) and process.poll() is None, (
            (tmp_path / "gunicorn.log").read_text()[-3000:]
        )
        with cache_on(own_redis):  # this process's changes withdraw and lend there too
            yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_no_worker_serves_a_page_from_before_a_publication(web, agency_a, own_redis, monkeypatch):  # noqa: F811
    # This process lends each new generation for longer than a round takes on a loaded
    # machine (its expiry would be a change too, read again by the workers).
    monkeypatch.setattr(generation_lease, "LEASE_SECONDS", 60)
    listing = web + agency_a.index_page.url

    def read_all():
        return [requests.get(listing, timeout=10) for _ in range(READS)]

    for number in range(PUBLICATIONS):
        before = read_all()
        assert {response.status_code for response in before} == {200}
        assert "HIT" in [response.headers["X-Cache"] for response in before]
        # Between changes the workers' copies answer: no command reaches Redis (the tracking
        # connections are made on the first round).
        if number:
            responses, spent = own_redis.commands_during(read_all)
            assert [response.headers["X-Cache"] for response in responses] == ["HIT"] * READS
            assert spent == {}
        title = f"Tin Quyzzical số {number}"
        NewsItemPageFactory(parent=agency_a.index_page, title=title)  # committed: it has returned
        after = read_all()
        stale = [response.headers["X-Cache"] for response in after if title not in response.text]
        assert stale == [], f"publication {number}: pages from before it served ({stale})"
        time.sleep(0.05)
