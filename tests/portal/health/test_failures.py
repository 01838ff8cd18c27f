"""/readyz reports each component failing when it stops: Redis of the test's own (the cache and
the broker), frozen or stopped; the worker not started, then started."""

import pytest

from tests.integration import conftest as integration
from tests.integration.conftest import start_worker  # noqa: F401 (a fixture)
from tests.integration.own_redis import redis_server_available

from .conftest import failing, readiness

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not redis_server_available(), reason="needs redis-server"),
    pytest.mark.timeout(240),  # stops a hung test (a worker may start slowly); no timing asserted
]


def test_the_cache_fails_when_its_redis_stops(client, beating, cache_on):
    assert readiness(client)[0] == 200
    cache_on.stop()
    status, components = readiness(client)
    assert (status, failing(components)) == (503, ["cache"])
    assert components["cache"]["status"] == (
        "a value written to the cache did not come back (Redis unreachable?)"
    )


def test_the_broker_and_the_worker_fail_when_redis_stops(client, beating, broker_on):
    status, components = readiness(client)
    assert (status, failing(components)) == (503, ["worker"])  # up, but no worker
    broker_on.stop()
    status, components = readiness(client)
    assert (status, failing(components)) == (503, ["broker", "worker"])
    assert components["broker"]["status"] == "the broker does not answer"
    assert components["worker"]["status"] == "the broker does not answer"


def test_a_hung_redis_fails_cache_and_broker_and_still_answers(
    client, beating, cache_on, broker_on
):
    cache_on.freeze()
    status, components = readiness(client)
    assert (status, failing(components)) == (503, ["broker", "cache", "worker"])


def test_no_worker_started_fails_the_worker(client, beating, broker_on):
    status, components = readiness(client)
    assert (status, failing(components)) == (503, ["worker"])
    assert components["worker"]["status"] == "no worker answered within 1 s"
    assert components["broker"] == {"healthy": True, "status": "OK"}


@integration.requires_worker_services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_running_worker_passes(client, broker_on, monkeypatch, request):
    """A real `celery worker` on the test's own broker (the shared Redis has other workers)."""
    from cchc_news.heartbeat import record_heartbeat

    record_heartbeat("tests")
    monkeypatch.setattr(integration, "BROKER_URL", broker_on.url(0))
    request.getfixturevalue("start_worker")()
    status, components = readiness(client)
    assert (status, failing(components)) == (200, [])
    assert components["worker"] == {"healthy": True, "status": "OK"}
