import pytest
from django.utils import timezone

from cchc_news.heartbeat import record_heartbeat
from tests.integration import own_redis as own_redis_module
from tests.integration.own_redis import own_redis  # noqa: F401 (a fixture)


def readiness(client, **headers):
    """/readyz's JSON: (status code, {component: {"healthy": ..., "status": ...}})."""
    response = client.get("/readyz", HTTP_ACCEPT="application/json", **headers)
    return response.status_code, response.json()["components"]


def failing(components):
    return sorted(name for name, component in components.items() if not component["healthy"])


@pytest.fixture
def beating(db):
    """A scheduler that recorded its heartbeat just now."""
    record_heartbeat("tests", now=timezone.now())


@pytest.fixture
def cache_on(own_redis):  # noqa: F811 (the fixture imported above)
    with own_redis_module.cache_on(own_redis):
        yield own_redis


@pytest.fixture
def broker_on(own_redis):  # noqa: F811 (the fixture imported above)
    with own_redis_module.broker_on(own_redis):
        yield own_redis
