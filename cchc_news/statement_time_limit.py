"""A time limit on the SQL statements of a block: for work a visitor's input sizes (a search),
which must not hold a server process and the database for as long as that input, or a lock
taken by an operator's maintenance, makes it last.

On PostgreSQL the limit is `statement_timeout`, waiting for a lock included, set for a
transaction of the block's own only (`set_config(…, true)`, SET LOCAL; a savepoint inside a
transaction already open, whose own limit comes back after it), rolled back when a statement
runs past the limit. On SQLite (the embedded set-up) a progress handler interrupts a statement
that runs past it, undoing that statement; the block gets no transaction there, which would
take the write lock (the portal's SQLite transactions are IMMEDIATE). Other databases run the
block as it is.
"""

import sqlite3
import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE of a statement cancelled, by its timeout too
# The limit as it was, read before it is set: OFFSET 0 keeps the subquery from being merged
# into the outer one, so that current_setting() runs first.
SET_LIMIT = (
    "SELECT previous, set_config('statement_timeout', %s, true) FROM "
    "(SELECT current_setting('statement_timeout') AS previous OFFSET 0) AS limits"
)
RESTORE_LIMIT = "SELECT set_config('statement_timeout', %s, true)"
# SQLite virtual machine instructions between two looks at the clock (some microseconds).
SQLITE_INSTRUCTIONS_PER_CHECK = 1000
# The attribute of Django's connection that holds the progress handlers of the blocks open on it.
SQLITE_HANDLERS = "_cchc_statement_limits"


class StatementTimedOut(Exception):
    """A statement of a time_limited block ran past its limit; the block's changes are
    rolled back (on SQLite, the stopped statement's) and the connection is usable."""


@contextmanager
def time_limited(milliseconds, using=DEFAULT_DB_ALIAS):
    """Run the block with each SQL statement limited to `milliseconds` (0: no limit); raise
    StatementTimedOut when one runs past it."""
    connection = connections[using]
    limit = LIMITS.get(connection.vendor)
    if not milliseconds or limit is None:
        yield
        return
    try:
        with limit(connection, milliseconds):
            yield
    except OperationalError as error:
        if not cancelled(error):
            raise
        raise StatementTimedOut(f"A statement ran past {milliseconds} ms.") from error


@contextmanager
def postgresql_limit(connection, milliseconds):
    nested = connection.in_atomic_block
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute(SET_LIMIT, [f"{int(milliseconds)}ms"])
            (previous, _limit) = cursor.fetchone()
        yield
        if nested:  # the savepoint's release would keep the limit until the transaction ends
            with connection.cursor() as cursor:
                cursor.execute(RESTORE_LIMIT, [previous])


@contextmanager
def sqlite_limit(connection, milliseconds):
    deadline = [float("inf")]

    def each_statement(execute, sql, params, many, context):
        deadline[0] = time.monotonic() + milliseconds / 1000
        return execute(sql, params, many, context)

    def past_deadline():  # a true value interrupts the statement ("interrupted")
        return time.monotonic() > deadline[0]

    connection.ensure_connection()
    handled = connection.connection
    # A connection has one progress handler and no way to read it back: the blocks' own, so
    # that a nested block's end puts the outer block's back, as PostgreSQL restores its limit.
    handlers = connection.__dict__.setdefault(SQLITE_HANDLERS, [])
    handlers.append(past_deadline)
    handled.set_progress_handler(past_deadline, SQLITE_INSTRUCTIONS_PER_CHECK)
    try:
        with connection.execute_wrapper(each_statement):
            yield
    finally:
        handlers.pop()
        outer = handlers[-1] if handlers else None
        handled.set_progress_handler(outer, SQLITE_INSTRUCTIONS_PER_CHECK if outer else 0)


LIMITS = {"postgresql": postgresql_limit, "sqlite": sqlite_limit}


def cancelled(error):
    """Whether `error` (Django's, around the driver's) says that a statement was cancelled."""
    cause = error.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return str(cause) == "interrupted"
    return QUERY_CANCELED in (getattr(cause, "pgcode", None), getattr(cause, "sqlstate", None))
