"""The database work of the suite's common fixtures done once per run, then written back.

`replayed(name, build)` runs `build()` (setup_cchc, an agency's factory, a user, a data set)
and, the second time it meets a database state (or the first, after another fixture's recorded
rows), records what it did to the database: the rows it added, changed or deleted in every
table, and the settings it read. When a later test asks for the same fixture with the database
in that state and those settings the same, it writes those rows back, a few statements per
table, instead of running `build()`: setup_cchc costs some 400 queries (0.2 s on PostgreSQL,
for 1,700 tests), each agency some 150. What is returned is `build()`'s result loaded again:
a model instance by pk, or a dict, list, tuple or SimpleNamespace of them item by item (any
other result is not recorded: that fixture always builds).

"The same state": the same number of rows and the same highest pk in every table, and the rows
the fixture changes or deletes, and those its rows refer to (foreign keys), as they were when
it was recorded. Anything else (a test that made rows first, a database flushed by a
transactional test, another setting) runs `build()` itself. Rows are only recorded and written
back inside a test's transaction, which is rolled back: a transactional test, whose writes are
committed and whose on-commit callbacks run, always runs `build()`. The rows written back are
the recorded ones, timestamps included (a fixture's rows are older than the test's own, as they
are when `build()` runs first).
"""

# The SQL is built from the names of the database's own tables and columns (introspection),
# quoted; every value is a parameter.
# ruff: noqa: S608

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import LazySettings, settings
from django.db import connection, transaction
from django.db.models import Model

MISSING = object()
# States recorded per fixture. A state is recorded the second time it is met (a test that
# made rows of its own first puts the fixture in a state no other test repeats), or the first
# time if recorded rows lead to it: the state after another fixture's rows, built or written
# back, which every test asking for the same fixtures in the same order meets again. (On
# PostgreSQL, whose ids are never taken back, a fixture built in each test makes a state of
# its own: the fixtures after it could not be recorded until it was.)
VARIANTS_KEPT = 8
STATES_REMEMBERED = 1000

_snapshots = {}  # {name: [Snapshot]}
_not_written_back = set()  # names whose rows once did not write back as recorded
_states_met = {}  # {name: {hash of a fingerprint met once}}
_states_recorded_rows_lead_to = set()  # {hash of a Snapshot's fingerprint_after}
_structure = {}  # {"tables": [(table, pk column, [columns])], "relations": ..., the fingerprint's}
stats = {"replayed": 0, "built": 0, "recorded": 0}


@dataclass
class TableChanges:
    table: str
    pk: str
    columns: list
    added: list = field(default_factory=list)  # full rows
    changed: dict = field(default_factory=dict)  # {pk: {column: value}}
    deleted: list = field(default_factory=list)  # pks
    before: dict = field(default_factory=dict)  # {pk: row} of the changed and deleted rows


@dataclass
class Snapshot:
    fingerprint: tuple
    fingerprint_after: tuple  # what writing the rows back must lead to
    settings_read: tuple  # ((name, repr of value), ...)
    changes: list  # [TableChanges]
    result: tuple  # what loads build()'s result again (_shape)
    # {(table, column): {value: rows}}: the rows that the rows written refer to (foreign keys)
    # and that the build did not make, as they were (a user's group, an item's agency).
    referenced: dict = field(default_factory=dict)


def replayed(name, build):
    """build()'s result, its rows written back if they were recorded in this state."""
    if not connection.in_atomic_block or name in _not_written_back:
        stats["built"] += 1
        return build()
    fingerprint = _fingerprint()
    variants = _snapshots.setdefault(name, [])
    for snapshot in variants:
        if _applies(snapshot, fingerprint):
            if not _written_back(snapshot):
                # A table only counted (one without a pk, say) was not filled as it was:
                # that fixture is built from now on.
                _not_written_back.add(name)
                break
            stats["replayed"] += 1
            return _loaded(snapshot.result)
    met = _states_met.setdefault(name, set())
    state = hash(fingerprint)
    repeats = state in met or state in _states_recorded_rows_lead_to
    if not repeats or len(variants) >= VARIANTS_KEPT or name in _not_written_back:
        if len(met) < STATES_REMEMBERED:
            met.add(state)
        stats["built"] += 1
        return build()
    snapshot, result = _record(build, fingerprint)
    if snapshot is None:  # a result that cannot be loaded again: built from now on
        _not_written_back.add(name)
    else:
        variants.append(snapshot)
        _states_recorded_rows_lead_to.add(hash(snapshot.fingerprint_after))
        stats["recorded"] += 1
    return result


class _Unloadable(Exception):
    pass


def _shape(result):
    """What loads `result` again: a model instance as (model, pk), containers (dicts, lists,
    tuples, SimpleNamespaces) of them item by item, text, numbers and None as they are."""
    if isinstance(result, Model):
        if result.pk is None:
            raise _Unloadable
        return ("model", type(result), result.pk)
    if isinstance(result, dict):
        return ("dict", [(key, _shape(value)) for key, value in result.items()])
    if isinstance(result, SimpleNamespace):
        return ("namespace", [(key, _shape(value)) for key, value in vars(result).items()])
    if isinstance(result, (list, tuple)):
        return (type(result).__name__, [_shape(value) for value in result])
    if result is None or isinstance(result, (str, int, float, bool)):
        return ("value", result)
    raise _Unloadable


def _loaded(shape):
    kind, *rest = shape
    if kind == "model":
        model, pk = rest
        return model._default_manager.get(pk=pk)
    if kind == "dict":
        return {key: _loaded(value) for key, value in rest[0]}
    if kind == "namespace":
        return SimpleNamespace(**{key: _loaded(value) for key, value in rest[0]})
    if kind in ("list", "tuple"):
        values = [_loaded(value) for value in rest[0]]
        return values if kind == "list" else tuple(values)
    return rest[0]


def _tables():
    """[(table, pk column or None, [columns])]; the pk None for a table whose rows are not
    recorded (only counted): one without a pk, and SQLite's full-text tables, which its
    triggers fill from wagtailsearch_indexentry's rows."""
    if "tables" not in _structure:
        introspection = connection.introspection
        with connection.cursor() as cursor:
            virtual, shadow = _full_text_tables(cursor)
            tables = []
            for table in sorted(set(introspection.table_names(cursor)) - shadow):
                pk = None if table in virtual else _primary_key(cursor, table)
                columns = [c.name for c in introspection.get_table_description(cursor, table)]
                tables.append((table, pk, columns))
        _structure["tables"] = tables
    return _structure["tables"]


def _primary_key(cursor, table):
    return connection.introspection.get_primary_key_column(cursor, table)


def _full_text_tables(cursor):
    """SQLite's full-text tables (virtual) and the tables they keep their index in (shadow,
    whose rows depend on the order of past writes, not only on the documents)."""
    if connection.vendor != "sqlite":
        return set(), set()
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    rows = cursor.fetchall()
    virtual = {name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")}
    shadow = {name for name, _sql in rows for v in virtual if name.startswith(f"{v}_")}
    return virtual, shadow


FINGERPRINT_STATEMENT = "cchc_test_fingerprint"


def _fingerprint():
    """(count, highest pk) of every table, in one query.

    On PostgreSQL the query is prepared once per connection (a prepared statement outlives
    the transactions rolled back after it): planning its ~180 subqueries took 8 of its 12 ms,
    some 10,000 times a run."""
    sql = _fingerprint_sql()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if _structure.get("fingerprint_prepared_on") is not connection.connection:
                cursor.execute(f"PREPARE {FINGERPRINT_STATEMENT} AS {sql}")
                # The connection itself, kept: a new one (of the same id, say) prepares again.
                _structure["fingerprint_prepared_on"] = connection.connection
            sql = f"EXECUTE {FINGERPRINT_STATEMENT}"
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def _fingerprint_sql():
    if "fingerprint_sql" not in _structure:
        quote = connection.ops.quote_name
        parts = []
        for table, pk, _columns in _tables():
            parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")
            if pk:
                parts.append(f"(SELECT CAST(MAX({quote(pk)}) AS TEXT) FROM {quote(table)})")
        _structure["fingerprint_sql"] = "SELECT " + ", ".join(parts)
    return _structure["fingerprint_sql"]


def _select(columns):
    quote = connection.ops.quote_name
    # As text on PostgreSQL: JSON, arrays, text search vectors and the rest written back as
    # they were read, whatever psycopg would make of them.
    cast = "::text" if connection.vendor == "postgresql" else ""
    return ", ".join(f"{quote(column)}{cast}" for column in columns)


def _fetched(table, columns, column=None, values=None):
    """The rows of `table` (`columns`), those whose `column` holds one of `values` if given."""
    quote = connection.ops.quote_name
    sql = f"SELECT {_select(columns)} FROM {quote(table)}"
    params = []
    if values is not None:
        sql += f" WHERE {quote(column)} IN ({', '.join(['%s'] * len(values))})"
        params = list(values)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _rows(table, pk, columns, pks=None):
    index = columns.index(pk)
    return {row[index]: row for row in _fetched(table, columns, pk, pks)}


def _all_rows():
    return {table: _rows(table, pk, columns) for table, pk, columns in _tables() if pk}


class _SettingsRead:
    """The names of the settings read while it is entered (LazySettings caches what it was
    asked for: emptied first, so that every read goes through __getattr__)."""

    def __enter__(self):
        self.names = set()
        self.original = LazySettings.__getattr__
        names, original = self.names, self.original

        def recording(lazy, name):
            names.add(name)
            return original(lazy, name)

        for name in [key for key in settings.__dict__ if key != "_wrapped"]:
            del settings.__dict__[name]
        LazySettings.__getattr__ = recording
        return self

    def __exit__(self, *exc_info):
        LazySettings.__getattr__ = self.original


def _settings_values(names):
    return tuple((name, repr(getattr(settings, name, MISSING))) for name in sorted(names))


def _record(build, fingerprint):
    """(Snapshot, build()'s result)."""
    before = _all_rows()
    with _SettingsRead() as read:
        result = build()
    after = _all_rows()
    changes = []
    for table, pk, columns in _tables():
        if not pk:
            continue
        old, new = before[table], after[table]
        change = TableChanges(table, pk, columns)
        change.added = [row for key, row in new.items() if key not in old]
        change.deleted = [key for key in old if key not in new]
        for key, row in new.items():
            if key in old and old[key] != row:
                change.changed[key] = {
                    column: value
                    for column, value, was in zip(columns, row, old[key], strict=True)
                    if value != was
                }
        change.before = {key: old[key] for key in [*change.changed, *change.deleted]}
        if change.added or change.deleted or change.changed:
            changes.append(change)
    try:
        shape = _shape(result)
    except _Unloadable:
        return None, result
    snapshot = Snapshot(fingerprint, _fingerprint(), _settings_values(read.names), changes, shape)
    # As they were before the build (which may change one: a parent page's child count).
    for (table, column), values in _references(changes).items():
        if table in before:
            index = _columns(table).index(column)
            snapshot.referenced[(table, column)] = _by_value(before[table].values(), index, values)
    return snapshot, result


def _applies(snapshot, fingerprint):
    if snapshot.fingerprint != fingerprint:
        return False
    names = [name for name, _value in snapshot.settings_read]
    if _settings_values(names) != snapshot.settings_read:
        return False
    for change in snapshot.changes:
        if (
            change.before
            and _rows(change.table, change.pk, change.columns, list(change.before)) != change.before
        ):
            return False
    for (table, column), rows in snapshot.referenced.items():
        if _rows_referred_to(table, column, list(rows)) != rows:
            return False
    return True


def _relations(table):
    """{column: (referenced table, referenced column)} of the table's foreign keys."""
    relations = _structure.setdefault("relations", {})
    if table not in relations:
        with connection.cursor() as cursor:
            found = connection.introspection.get_relations(cursor, table)
        relations[table] = {
            column: (other, other_column) for column, (other_column, other) in found.items()
        }
    return relations[table]


def _references(changes):
    """{(table, column): {values}} that the added and changed rows refer to, but for the rows
    added with them."""
    recorded_tables = {table for table, _pk, _columns in _tables()}
    added = {}  # {(table, column): {values of the rows added}}
    for change in changes:
        for position, column in enumerate(change.columns):
            added[(change.table, column)] = {row[position] for row in change.added}
    references = {}
    for change in changes:
        written = [dict(zip(change.columns, row, strict=True)) for row in change.added]
        written += list(change.changed.values())
        for column, (other, other_column) in _relations(change.table).items():
            if other not in recorded_tables:
                continue
            values = {row[column] for row in written if row.get(column) is not None}
            values -= added.get((other, other_column), set())
            if values:
                references.setdefault((other, other_column), set()).update(values)
    return references


def _rows_referred_to(table, column, values):
    """{value: sorted rows of `table` whose `column` is that value}."""
    columns = _columns(table)
    return _by_value(_fetched(table, columns, column, values), columns.index(column), values)


def _by_value(rows, index, values):
    """{value: the `rows` whose column `index` holds it, in a fixed order} for each of
    `values`."""
    found = {value: [] for value in values}
    for row in rows:
        if row[index] in found:
            found[row[index]].append(row)
    return {value: tuple(sorted(matching, key=repr)) for value, matching in found.items()}


def _columns(table):
    return next(columns for name, _pk, columns in _tables() if name == table)


class _Mismatch(Exception):
    pass


def _written_back(snapshot):
    """Whether the rows were written back to the state recorded (if not, nothing was)."""
    try:
        with transaction.atomic():
            _write_back(snapshot)
            if _fingerprint() != snapshot.fingerprint_after:
                raise _Mismatch
    except _Mismatch:
        return False
    return True


def _write_back(snapshot):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for change in snapshot.changes:
            if change.deleted:
                marks = ", ".join(["%s"] * len(change.deleted))
                cursor.execute(
                    f"DELETE FROM {quote(change.table)} WHERE {quote(change.pk)} IN ({marks})",
                    change.deleted,
                )
        for change in snapshot.changes:
            for key, values in change.changed.items():
                assignments = ", ".join(f"{quote(column)} = %s" for column in values)
                cursor.execute(
                    f"UPDATE {quote(change.table)} SET {assignments} WHERE {quote(change.pk)} = %s",
                    [*values.values(), key],
                )
        for change in snapshot.changes:
            if change.added:
                row_marks = "(" + ", ".join(["%s"] * len(change.columns)) + ")"
                columns = ", ".join(quote(column) for column in change.columns)
                cursor.execute(
                    f"INSERT INTO {quote(change.table)} ({columns}) VALUES "
                    + ", ".join([row_marks] * len(change.added)),
                    [value for row in change.added for value in row],
                )
