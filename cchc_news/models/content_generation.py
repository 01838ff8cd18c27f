"""The generation of public content: a number that changes whenever what visitors see does.

The page cache (cchc_news.public.page_cache) puts it in every entry's key. It is kept in the
database, beside the content, so that it changes in the same transaction as the content and
cannot be lost the way a purge sent to an unreachable Redis is.

It is a ledger rather than one counter row: a transaction that changes public content inserts
one row (weight 1) and the generation is the total of the weights. Inserts take no lock that
another transaction waits for, whereas `UPDATE ... SET n = n + 1` would hold the row's lock
until commit and make every transaction that changes public content (the assembly of a
bulletin, an editor's publish) wait for the others, and could deadlock them. A reader's
statement sees every committed row or none of a transaction's, so the total seen after a
commit is higher than any seen before it, whatever order transactions commit in.
"""

import time

from django.db import DatabaseError, connections, models, router, transaction
from django.utils.translation import gettext_lazy as _

# Rows are folded into one (same total) every this many changes: the sum stays cheap.
FOLD_EVERY = 50


def starting_weight():
    """The first row's weight (written by the migration): time-based, so that a new database
    on a Redis that still holds entries cannot come back to a generation they are stored
    under."""
    return time.time_ns() // 1000


class ContentChange(models.Model):
    """One transaction that changed public content (or, folded, many of them)."""

    weight = models.PositiveBigIntegerField(_("weight"), default=1)

    class Meta:
        verbose_name = _("public content change")
        verbose_name_plural = _("public content changes")

    def __str__(self):
        return f"{self.pk}: {self.weight}"

    @classmethod
    def generation(cls):
        """The current generation: one aggregate query over a table of a few rows.

        Raw SQL: it runs on every page cache hit, and building the same query with the ORM
        costs about ten times as much as running it (measured: 150 against 17 µs on SQLite).
        It is also the request's connection health check (see `_checked_by`).
        """
        connection = connections[router.db_for_read(cls)]
        if _checked_by(connection):
            try:
                return cls._total(connection)
            except DatabaseError:
                if connection.is_usable():
                    raise  # not a dead connection: an error of the query itself
                connection.close()  # what the health check would have done; reconnects below
        return cls._total(connection)

    @classmethod
    def _total(cls, connection):
        table = connection.ops.quote_name(cls._meta.db_table)
        column = connection.ops.quote_name(cls._meta.get_field("weight").column)
        with connection.cursor() as cursor:
            # Only the model's own quoted names, no input.
            cursor.execute(f"SELECT SUM({column}) FROM {table}")  # noqa: S608
            (total,) = cursor.fetchone()
        return int(total or 0)  # PostgreSQL sums a bigint column as numeric

    @classmethod
    def record(cls):
        """Record a change in the current transaction (commits with it, or is undone with it)."""
        row = cls.objects.create(weight=1)
        if not _pending(_change_committed):
            transaction.on_commit(_change_committed)
        if row.pk % FOLD_EVERY == 0 and not _pending(ContentChange.fold):
            transaction.on_commit(cls.fold)
        return row

    @classmethod
    def uncommitted(cls):
        """Whether the current transaction has recorded a change not yet committed.

        Its reads see the next generation before anybody else does, and would see it back
        at the old one if it rolled back: values derived there must not be kept under it.
        Django drops the marker with a rolled-back savepoint and after the commit.
        """
        return transaction.get_connection().in_atomic_block and _pending(_change_committed)

    @classmethod
    def fold(cls):
        """Replace the rows by one of the same total, in one transaction: readers see either.

        Two folds at once: the second deletes fewer rows than it read and gives up.
        """
        with transaction.atomic():
            rows = dict(cls.objects.values_list("pk", "weight"))
            if len(rows) < 2:
                return
            deleted, _by_model = cls.objects.filter(pk__in=rows).delete()
            if deleted != len(rows):
                transaction.set_rollback(True)
                return
            cls.objects.create(weight=sum(rows.values()))


def _change_committed():
    """On-commit marker of a transaction that recorded a change (see ContentChange.uncommitted)."""


def _pending(callback):
    """`callback` is queued for this transaction's commit already (a long one records many)."""
    connection = transaction.get_connection()
    return any(func == callback for _sids, func, _robust in connection.run_on_commit)


def _checked_by(connection):
    """Whether the generation's query may stand for the connection's health check, and so
    stands for it from now on.

    With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before a request's first query on a kept
    connection: on a page cache hit, whose only query is the generation, that is a second
    round trip to the database, and a third of the hit's cost. The generation's query checks
    the connection as well: if it fails and the connection is found dead, the caller closes
    it and asks again on a new one, as the health check would have. Not inside a transaction,
    whose connection must not be swapped (Django checks such a one first, as usual).
    """
    if (
        connection.connection is None
        or not connection.health_check_enabled
        or connection.health_check_done
        or connection.in_atomic_block
    ):
        return False
    connection.health_check_done = True
    return True
