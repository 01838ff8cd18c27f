"""The page cache of two gunicorn workers, each with its copies of pages and its tracked lease
of the generation (cchc_news.public.tracked_lease), while this process publishes.

Once a publication has returned, no visitor is served a page from before it, by either
worker; between publications the workers answer from their copies without asking Redis.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis
import requests

from bench.web.servers import Server
from cchc_news.public import generation_lease
from tests.factories import NewsItemPageFactory

from .conftest import SHARED_DATABASE_AND_OWN_REDIS, database_url
from .own_redis import cache_on, own_redis  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
PUBLICATIONS = 8
READS = 8  # per round, at once: both workers answer

pytestmark = SHARED_DATABASE_AND_OWN_REDIS


@pytest.fixture
def web(own_redis, tmp_path):  # noqa: F811
    """gunicorn with 2 sync workers (bench.web.servers's) on the test database, its cache on
    `own_redis`; yields its base URL."""
    env = os.environ | {
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": database_url(),
        "CACHE_URL": own_redis.url(1),
        "CCHC_PAGE_CACHE_SECONDS": "300",
    }
    env.pop("CELERY_BROKER_URL", None)
    server = Server("web", "portal.wsgi:application", ROOT / "site", env, tmp_path / "web.log")
    try:
        server.wait_ready("/robots.txt")
        with cache_on(own_redis):  # this process's changes withdraw and lend there too
            yield server.url("")
    finally:
        server.stop()


def test_no_worker_serves_a_page_from_before_a_publication(web, agency_a, own_redis, monkeypatch):  # noqa: F811
    # This process lends each new generation for longer than a round takes on a loaded
    # machine (its expiry would be a change too, read again by the workers).
    monkeypatch.setattr(generation_lease, "LEASE_SECONDS", 60)
    listing = web + agency_a.index_page.url
    observer = redis.Redis.from_url(own_redis.url(0))

    def read_all():
        """READS requests at once: both sync workers answer some (one at a time, one worker
        may take them all)."""
        with ThreadPoolExecutor(READS) as pool:
            return list(pool.map(lambda _: requests.get(listing, timeout=10), range(READS)))

    def settled():
        """Rounds of reads until one asks Redis nothing: each worker then answers from its copy
        of the page and its tracked lease."""
        for _ in range(10):
            responses, spent = own_redis.commands_during(read_all)
            if not spent:
                return responses
        raise AssertionError(f"the workers still ask Redis: {spent}")

    published = []
    for number in range(PUBLICATIONS):
        before = settled()
        assert {(response.status_code, response.headers["X-Cache"]) for response in before} == {
            (200, "HIT")
        }
        assert all(title in response.text for title in published for response in before)
        tracking = [client for client in observer.client_list() if "t" in client["flags"]]
        assert len(tracking) == 2  # both workers' connections
        published.append(f"Tin Quyzzical số {number}")
        NewsItemPageFactory(parent=agency_a.index_page, title=published[-1])  # it has returned
        after = read_all()
        stale = [r.headers["X-Cache"] for r in after if published[-1] not in r.text]
        assert stale == [], f"publication {number}: pages from before it served ({stale})"
