"""A time limit on a block's SQL statements (PostgreSQL; elsewhere the block runs as it is)."""

import pytest
from django.db import DatabaseError, connection, transaction

from cchc_news.statement_time_limit import StatementTimedOut, time_limited

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a statement timeout is PostgreSQL's"
)


def scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@postgresql_only
def test_a_statement_past_the_limit_is_cancelled_and_the_connection_stays_usable():
    before = scalar("SHOW statement_timeout")
    with pytest.raises(StatementTimedOut), time_limited(50):
        scalar("SELECT pg_sleep(5)")
    assert scalar("SELECT 1") == 1
    assert scalar("SHOW statement_timeout") == before


@postgresql_only
def test_the_blocks_changes_are_rolled_back_when_a_statement_is_cancelled(agency_a):
    name = agency_a.name
    with pytest.raises(StatementTimedOut), time_limited(50):
        type(agency_a).objects.filter(pk=agency_a.pk).update(name="Đổi tên")
        scalar("SELECT pg_sleep(5)")
    agency_a.refresh_from_db()
    assert agency_a.name == name


@postgresql_only
@pytest.mark.parametrize("inside_a_transaction", [False, True])
def test_the_limit_holds_inside_the_block_only(inside_a_transaction):
    before = scalar("SHOW statement_timeout")
    with transaction.atomic() if inside_a_transaction else time_limited(0):
        with time_limited(1500):
            assert scalar("SHOW statement_timeout") == "1500ms"
            assert scalar("SELECT pg_sleep(0.01)::text") == ""
        assert scalar("SHOW statement_timeout") == before


@postgresql_only
def test_an_outer_limit_comes_back_after_the_block():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = '7s'")
        with time_limited(100):
            assert scalar("SHOW statement_timeout") == "100ms"
        assert scalar("SHOW statement_timeout") == "7s"


@postgresql_only
def test_other_database_errors_pass_through():
    with pytest.raises(DatabaseError) as raised, time_limited(1000):
        scalar("SELECT 1 / 0")
    assert not isinstance(raised.value, StatementTimedOut)
    assert scalar("SELECT 1") == 1


def test_no_limit_runs_the_block_as_it_is():
    with time_limited(0):
        assert scalar("SELECT 1") == 1
    if connection.vendor != "postgresql":
        with time_limited(1):  # no statement timeout here: the block runs to its end
            assert scalar("SELECT 1") == 1
