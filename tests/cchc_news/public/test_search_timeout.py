"""A search stopped after CCHC_SEARCH_TIMEOUT_MS (PostgreSQL's statement timeout) says so, and
holds no server process longer: here the index is locked, as maintenance (REINDEX, VACUUM
FULL, a migration) locks it, so the ranking query waits until it is stopped."""

import contextlib
import threading

import pytest
from django.db import connection
from django.utils.translation import gettext

from tests.cchc_news.public.test_search import item, search, titles
from tests.system_checks import ids_of

QUERY = "cai cach"
STOPPED = "The search for “%(query)s” took too long and was stopped."
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a statement timeout is PostgreSQL's; CI runs the suite on PostgreSQL",
)


@contextlib.contextmanager
def index_locked(release_after):
    """The search index's table locked by another connection, released at the end or after
    `release_after` seconds (so that a search with no limit ends, and the test with it)."""
    holder = connection.get_new_connection(connection.get_connection_params())
    try:
        with holder.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("LOCK TABLE wagtailsearch_indexentry IN ACCESS EXCLUSIVE MODE")
        release = threading.Timer(release_after, holder.rollback)
        release.start()
        yield
        release.cancel()
    finally:
        holder.close()


@pytest.fixture
def committed_item(agency_a):
    return item(agency_a, "Đẩy mạnh cải cách hành chính")


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_waiting_on_a_locked_index_is_stopped_and_says_so(
    client, section, committed_item, settings, caplog
):
    settings.CCHC_SEARCH_TIMEOUT_MS = 300
    with index_locked(release_after=30):
        response = search(client, section, QUERY)

    assert response.status_code == 503
    content = response.content.decode()
    assert gettext(STOPPED) % {"query": QUERY} in content
    assert f'value="{QUERY}"' in content  # the box keeps what was typed
    assert 'class="result"' not in content
    assert "stopped after CCHC_SEARCH_TIMEOUT_MS (300 ms): 2 words, 8 characters" in caplog.text
    # Nothing is kept of the stopped search: once the lock is gone, the same words are found.
    assert titles(search(client, section, QUERY)) == [committed_item.title]


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_limit_waits_for_the_lock(client, section, committed_item, settings):
    settings.CCHC_SEARCH_TIMEOUT_MS = 0
    with index_locked(release_after=1):
        assert titles(search(client, section, QUERY)) == [committed_item.title]


@pytest.mark.django_db
def test_a_search_in_time_is_not_stopped(client, section, committed_item, settings):
    settings.CCHC_SEARCH_TIMEOUT_MS = 2000
    response = search(client, section, QUERY)
    assert titles(response) == [committed_item.title]
    assert gettext(STOPPED) % {"query": QUERY} not in response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"), [("2000", "cchc_news.E001"), (-1, "cchc_news.E002")]
)
def test_a_bad_timeout_gives_the_checks_id(value, expected):
    assert expected in ids_of("cchc_news", CCHC_SEARCH_TIMEOUT_MS=value)
    assert not {"cchc_news.E001", "cchc_news.E002"} & ids_of("cchc_news", CCHC_SEARCH_TIMEOUT_MS=0)
