"""/healthz and /readyz in the embedded set-up (no broker: Celery runs tasks in-process)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from bulletin.health import stale_after
from cchc_news.heartbeat import record_heartbeat
from tests.bulletin.conftest import archive, publish_item  # noqa: F401 (fixtures)

from .conftest import failing, readiness

COMPONENTS = ["database", "cache", "broker", "worker", "beat", "assembly"]


def test_liveness_answers_without_touching_the_database_or_the_cache(
    client, db, django_assert_num_queries
):
    with (
        django_assert_num_queries(0),
        mock.patch("cchc_news.public.page_cache.page_store") as page_store,
    ):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    page_store.assert_not_called()


def test_readiness_is_all_well_in_the_embedded_set_up(client, beating):
    status, components = readiness(client)
    assert status == 200
    assert list(components) == COMPONENTS
    assert failing(components) == []
    assert components["database"] == {"healthy": True, "status": "OK"}
    not_used = {"healthy": True, "status": "not used: tasks run in-process"}
    assert components["broker"] == components["worker"] == not_used


def test_readiness_json_by_query_too_never_cached(client, beating):
    response = client.get("/readyz?format=json")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-store" in response["Cache-Control"]


def test_the_probes_go_around_the_page_cache(client, beating):
    with mock.patch("cchc_news.public.page_cache.page_store") as page_store:
        assert client.get("/readyz").status_code == 200  # the library's HTML page
        assert client.get("/healthz").status_code == 200
    page_store.assert_not_called()


def test_the_probes_answer_a_host_outside_allowed_hosts(client, beating, settings):
    """A probe from the machine itself names 127.0.0.1, which production does not list."""
    settings.ALLOWED_HOSTS = ["portal.example.gov.vn"]
    assert client.get("/healthz", HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert readiness(client, HTTP_HOST="127.0.0.1:8000")[0] == 200
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_the_probes_are_answered_over_plain_http(client, beating, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert readiness(client)[0] == 200
    assert client.get("/").status_code == 301


def test_a_stale_heartbeat_fails_the_scheduler(client, db):
    record_heartbeat("tests", now=timezone.now() - stale_after() - timedelta(minutes=1))
    status, components = readiness(client)
    assert status == 503
    assert failing(components) == ["beat"]
    assert components["beat"]["status"].startswith("no heartbeat since ")


def test_a_fresh_heartbeat_passes_it(client, db):
    record_heartbeat("tests", now=timezone.now() - stale_after() + timedelta(minutes=1))
    status, components = readiness(client)
    assert (status, failing(components)) == (200, [])


def test_a_scheduler_that_never_beat_fails_it(client, db):
    status, components = readiness(client)
    assert (status, failing(components)) == (503, ["beat"])
    assert components["beat"]["status"] == "the scheduler has never recorded its heartbeat"


def test_an_overdue_week_fails_the_assembly(client, beating, archive, publish_item):  # noqa: F811
    from bulletin.weeks import Week

    last_week = Week.containing(timezone.now() - timedelta(days=7))
    publish_item(last_week.cutoff() - timedelta(days=1))
    status, components = readiness(client)
    assert (status, failing(components)) == (503, ["assembly"])
    assert components["assembly"]["status"].startswith(
        f"overdue, no bulletin: Week {last_week.iso_week}/{last_week.iso_year} ("
    )


def test_an_issued_week_is_not_overdue(client, beating, archive, publish_item):  # noqa: F811
    from bulletin.assembly import assemble
    from bulletin.weeks import Week

    last_week = Week.containing(timezone.now() - timedelta(days=7))
    publish_item(last_week.cutoff() - timedelta(days=1))
    assemble(last_week)
    assert readiness(client)[0] == 200


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_liveness_takes_only_safe_methods(client, db, method):
    assert getattr(client, method)("/healthz").status_code == 405
