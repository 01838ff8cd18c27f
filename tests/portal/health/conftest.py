import pytest
from django.test import override_settings
from django.utils import timezone

from cchc_news.heartbeat import record_heartbeat
from tests.integration.own_redis import OwnRedis


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
def own_redis():
    server = OwnRedis()
    yield server
    server.stop()


@pytest.fixture
def cache_on(own_redis):
    """The default cache on `own_redis`, as the portal configures it for CACHE_URL."""
    caches = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": own_redis.url(1),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=caches):
        yield own_redis


@pytest.fixture
def broker_on(own_redis):
    """Celery's broker on `own_redis` (no longer eager), with the portal's own timeouts."""
    from portal.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.update(broker_url=own_redis.url(0), task_always_eager=False)
    try:
        with override_settings(
            CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=own_redis.url(0)
        ):
            yield own_redis
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        if app._pool is not None:  # forget the connections to the stopped server
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None
