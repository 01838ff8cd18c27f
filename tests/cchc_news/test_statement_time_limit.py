"""A time limit on a block's SQL statements: PostgreSQL's statement timeout, SQLite's progress
handler; a statement past it is stopped, the block rolled back, the connection usable."""

import pytest
from django.db import DatabaseError, connection, transaction

from cchc_news.statement_time_limit import StatementTimedOut, time_limited

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout setting"
)
# A statement that takes seconds, on either database.
SLOW = {
    "postgresql": "SELECT pg_sleep(5)",
    "sqlite": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000000)"
    " SELECT count(*) FROM n",
}[connection.vendor]
# One that takes some tens of milliseconds.
SHORT = {
    "postgresql": "SELECT count(*) FROM (SELECT pg_sleep(0.05)) AS pause",
    "sqlite": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)"
    " SELECT count(*) FROM n",
}[connection.vendor]


def scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_a_statement_past_the_limit_is_stopped_and_the_connection_stays_usable():
    with pytest.raises(StatementTimedOut), time_limited(50):
        scalar(SLOW)
    assert scalar("SELECT 1") == 1


@postgresql_only
def test_the_blocks_changes_are_rolled_back_when_a_statement_is_stopped(agency_a):
    name = agency_a.name
    with pytest.raises(StatementTimedOut), time_limited(50):
        type(agency_a).objects.filter(pk=agency_a.pk).update(name="Đổi tên")
        scalar(SLOW)
    agency_a.refresh_from_db()
    assert agency_a.name == name


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's progress handler")
def test_sqlite_stops_only_the_statement_and_takes_no_transaction(agency_a):
    """A transaction would take SQLite's write lock (IMMEDIATE, the portal's setting)."""
    savepoints = list(connection.savepoint_ids)
    with pytest.raises(StatementTimedOut), time_limited(50):
        assert connection.savepoint_ids == savepoints
        type(agency_a).objects.filter(pk=agency_a.pk).update(name="Đổi tên")
        scalar(SLOW)
    agency_a.refresh_from_db()
    assert agency_a.name == "Đổi tên"  # done before the stopped statement: kept


def test_each_statement_has_the_whole_limit():
    with time_limited(1500):
        for _ in range(3):
            scalar(SHORT)


@pytest.mark.parametrize("inside_a_transaction", [False, True])
def test_no_limit_is_left_after_the_block(inside_a_transaction):
    with transaction.atomic() if inside_a_transaction else time_limited(0):
        with time_limited(1):
            scalar("SELECT 1")
        scalar(SHORT)  # past the block's limit, after it
    if connection.vendor == "postgresql":
        assert scalar("SHOW statement_timeout") == "0"


@postgresql_only
def test_the_limit_is_postgresqls_statement_timeout_for_the_block_only():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = '7s'")
        with time_limited(100):
            assert scalar("SHOW statement_timeout") == "100ms"
        assert scalar("SHOW statement_timeout") == "7s"


def test_a_nested_block_leaves_the_outer_limit_in_force():
    with pytest.raises(StatementTimedOut), time_limited(50):
        with time_limited(5000):
            scalar(SHORT)
        scalar(SLOW)  # the outer block's limit again
    assert scalar("SELECT 1") == 1


def test_other_database_errors_pass_through():
    with pytest.raises(DatabaseError) as raised, time_limited(1000):
        scalar("SELECT * FROM no_such_table")
    assert not isinstance(raised.value, StatementTimedOut)
    assert scalar("SELECT 1") == 1


def test_no_limit_runs_the_block_as_it_is():
    with time_limited(0):
        assert scalar(SHORT)
