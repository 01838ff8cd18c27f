"""A page cache hit on a kept database connection, and the generation's query as its health check.

A hit reads the generation's lease from Redis (cchc_news.public.generation_lease): no query,
so no health check either. When the lease has expired, the generation is read from the
database: with CONN_HEALTH_CHECKS Django would check a kept connection (`SELECT 1`) before
that query, which does the check itself (cchc_news.models.content_generation): one round trip
instead of two, and a connection that died between requests is still replaced.

Outside a test transaction (as a web worker runs), the request's start simulated as Django's
request_started does it (close_old_connections), which the test client leaves out.
"""

import time

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cchc_news.public import generation_lease, page_cache

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def new_request_on_kept_connection():
    """What request_started does to a kept connection: its health check is due again."""
    connection.ensure_connection()
    # Kept, so within CONN_MAX_AGE: the worker's connection may be older than that when the
    # test starts (opened by a test long before), and would be closed rather than checked.
    max_age = connection.settings_dict["CONN_MAX_AGE"]
    connection.close_at = None if max_age is None else time.monotonic() + max_age
    connection.close_if_unusable_or_obsolete()
    assert connection.connection is not None


@pytest.fixture
def health_checks_spied(monkeypatch):
    """The health checks run on the default connection (Django's `is_usable`)."""
    checks = []
    wrapper = connections["default"]  # `connection` is a proxy of it
    original = type(wrapper).is_usable

    def spied(self):
        checks.append(self.alias)
        return original(self)

    monkeypatch.setitem(wrapper.settings_dict, "CONN_HEALTH_CHECKS", True)
    monkeypatch.setattr(wrapper, "health_check_enabled", True)
    monkeypatch.setattr(type(wrapper), "is_usable", spied)
    return checks


def lease_expired():
    page_cache.page_store().delete(generation_lease.LEASE_KEY)


@pytest.mark.parametrize("leased", [True, False])
def test_a_hit_on_a_kept_connection_sends_at_most_one_query(section, health_checks_spied, leased):
    client, url = Client(), section.url
    assert client.get(url)["X-Cache"] == "MISS"
    new_request_on_kept_connection()
    if not leased:
        lease_expired()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response["X-Cache"] == "HIT"
    assert len(queries) == (0 if leased else 1)  # the generation, once its lease expired
    assert health_checks_spied == []  # no SELECT 1 before it


def test_the_health_check_is_done_for_the_rest_of_the_request(section, health_checks_spied):
    url = section.url
    new_request_on_kept_connection()
    lease_expired()
    response = Client().get(url)  # a miss: the page's own queries follow
    assert response["X-Cache"] == "MISS"
    assert health_checks_spied == []
    assert connection.health_check_done


@pytest.mark.skipif(
    connections["default"].vendor != "postgresql", reason="needs a server that drops a connection"
)
def test_a_connection_dropped_between_requests_is_replaced(section, health_checks_spied):
    client, url = Client(), section.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    new_request_on_kept_connection()
    pid = connection.connection.get_backend_pid()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])  # as a restart does
    finally:
        other.close()
    lease_expired()  # the generation is read from the database, on the dropped connection
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == "HIT"
    assert connection.connection.get_backend_pid() != pid
