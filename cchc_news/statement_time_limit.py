"""A time limit on the SQL statements of a block, on PostgreSQL: for work a visitor's input
sizes (a search), which must not hold a server process and the database for as long as that
input, or a lock taken by an operator's maintenance, makes it last.

PostgreSQL cancels a statement that runs past `statement_timeout`, waiting for a lock
included. The limit is set for the block's transaction only (`set_config(…, true)`, SET
LOCAL): the block runs in one, a savepoint inside a transaction already open, whose own
limit comes back after it. Other databases have no such limit: there the block runs as it is.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

QUERY_CANCELED = "57014"  # SQLSTATE of a statement cancelled, by its timeout among others
# The limit as it was, read before it is set: OFFSET 0 keeps the subquery from being merged
# into the outer one, so that current_setting() runs first.
SET_LIMIT = (
    "SELECT previous, set_config('statement_timeout', %s, true) FROM "
    "(SELECT current_setting('statement_timeout') AS previous OFFSET 0) AS limits"
)
RESTORE_LIMIT = "SELECT set_config('statement_timeout', %s, true)"


class StatementTimedOut(Exception):
    """A statement of a time_limited block ran past its limit; the block's changes are
    rolled back and the connection is usable."""


@contextmanager
def time_limited(milliseconds, using=DEFAULT_DB_ALIAS):
    """Run the block with each SQL statement limited to `milliseconds` (0: no limit); raise
    StatementTimedOut when one runs past it."""
    connection = connections[using]
    if not milliseconds or connection.vendor != "postgresql":
        yield
        return
    nested = connection.in_atomic_block
    try:
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute(SET_LIMIT, [f"{int(milliseconds)}ms"])
                (previous, _limit) = cursor.fetchone()
            yield
            if nested:  # the savepoint's release would keep the limit until the transaction ends
                with connection.cursor() as cursor:
                    cursor.execute(RESTORE_LIMIT, [previous])
    except OperationalError as error:
        if not cancelled(error):
            raise
        raise StatementTimedOut(f"A statement ran past {milliseconds} ms.") from error


def cancelled(error):
    """Whether `error` (Django's, around the driver's) says that a statement was cancelled."""
    cause = error.__cause__
    return QUERY_CANCELED in (getattr(cause, "pgcode", None), getattr(cause, "sqlstate", None))
