"""The SQL of the section's scored candidate query, compiled once per process for each shape.

Building that query (the live, public pages of the searched types under the section, then
modelsearch's match and rank expressions) and compiling it cost some 2 ms of Python per
search, for SQL that one query's words change only in a few parameters: on PostgreSQL, the
text of the tsquery and that of the spelling tokens (the backend's `query_values`). So the
SQL is compiled once for each section, set of private pages, page types, limit and backend,
and for each kind of query (words with marks or not), with probe words standing for the
visitor's; a search then puts its own values in the probe's places. A backend without
`query_values` (SQLite's) compiles the query at each search, as before.

The query of the page of results' pages (loaded_by_pk) is compiled once per model and number
of pages the same way, the pks standing in for the words.

Nothing is kept of any result: only SQL and the parameters that do not come from the words.
"""

from django.db import connections
from django.db.models.query import get_related_populators
from django.db.models.signals import post_migrate
from modelsearch.backends import get_search_backend
from wagtail.models import Page

# Two probes for each kind of query, one word and two: the compiled SQL must be the same
# for both, and their values must be all that differs in its parameters.
PROBES = {
    False: ("qzcchcprobe", "qzcchcprobe qycchcprobe"),
    True: ("qzcchcprobeé", "qzcchcprobeé qycchcprobeé"),
}
OPERATOR = "and"
MAX_SHAPES = 100

_compiled = {}  # {shape: (sql, [(constant parameter, None) or (None, index of a value)]) or None}


def _forget_compiled(**kwargs):
    # Content types (in the SQL as ids) are made again after a database is flushed (tests).
    _compiled.clear()
    _loaders.clear()


post_migrate.connect(_forget_compiled, dispatch_uid="cchc_news.public.compiled_search")


def scored_rows(query, shape, scored_sql):
    """The rows (pk, content type id, score) of the query whose (sql, params) `scored_sql(query)`
    gives, run from its SQL as compiled once for `shape` (all that the SQL depends on but the
    words: the section, its private pages, the page types, the limit), and the backend; None,
    rows unread, where the backend cannot tell a query's values."""
    backend = get_search_backend()
    values_of = getattr(backend, "query_values", None)
    if values_of is None:
        return None, backend
    model_queryset = Page.objects.all()
    values = values_of(model_queryset, query, OPERATOR)
    if values is None:
        return None, backend
    marked = values[1] is not None
    connection = connections[model_queryset.db]
    key = (
        type(backend),
        backend.config,
        connection.alias,
        connection.settings_dict["NAME"],
        *shape,
        marked,
    )
    if key not in _compiled:
        if len(_compiled) >= MAX_SHAPES:  # shapes left behind (restrictions changed, say)
            _compiled.clear()
        _compiled[key] = compile_shape(
            scored_sql,
            [(probe, values_of(model_queryset, probe, OPERATOR)) for probe in PROBES[marked]],
        )
    compiled = _compiled[key]
    if compiled is None:
        return None, backend
    sql, parameters = compiled
    params = [value if index is None else values[index] for value, index in parameters]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall(), backend


def compile_shape(sql_of, probes):
    """(sql, parameters) for the probes' SQL, each parameter a constant or the index of the
    query value in its place; None unless every probe compiles to the same SQL, the same
    constants, and its own values in the same places."""
    compiled = None
    for probe, values in probes:
        if values is None:
            return None
        sql, params = sql_of(probe)
        parameters = [
            (None, values.index(param)) if _is_value(param, values) else (param, None)
            for param in params
        ]
        if compiled is None:
            compiled = sql, parameters
        elif (sql, _sorted_constants(parameters), _slots(parameters)) != (
            compiled[0],
            _sorted_constants(compiled[1]),
            _slots(compiled[1]),
        ):
            return None
    return compiled


def _is_value(param, values):
    return isinstance(param, str) and param in values


def _slots(parameters):
    return [
        (position, index) for position, (_v, index) in enumerate(parameters) if index is not None
    ]


def _sorted_constants(parameters):
    # A list of content type ids (IN …) can come out of a set in another order.
    return sorted(repr(value) for value, index in parameters if index is None)


# The page of results' rows ------------------------------------------------------------

# Stand-ins for the pks while a model's query is compiled: no real pk is negative.
_PK_PROBE_BASE = -(10**12)
_loaders = {}  # {(model, number of pks, alias, database): _Loader or None}


def loaded_by_pk(queryset_of, model, pks):
    """{pk: instance} of `queryset_of(pks)` (a filter on pk__in, of `model`), as in_bulk()
    gives it; its SQL compiled once per model and number of pks.

    Building and compiling the query of a page of news items (their agency joined, a few
    columns) cost more than running it and making the instances.
    """
    pks = list(pks)
    connection = connections[model.objects.db]
    key = (model, len(pks), connection.alias, connection.settings_dict["NAME"])
    if key not in _loaders:
        if len(_loaders) >= MAX_SHAPES:
            _loaders.clear()
        _loaders[key] = _Loader.compile(queryset_of, len(pks))
    loader = _loaders[key]
    if loader is None:  # not a query of this shape: as in_bulk() would
        return queryset_of(pks).in_bulk()
    return loader.load(connection, pks)


class _Loader:
    """A queryset's SQL with the pks' places, and how ModelIterable makes its rows
    instances (the compiler's select, converters and related populators, kept from the
    one compilation)."""

    def __init__(self, sql, parameters, compiler, db):
        self.sql, self.parameters, self.db = sql, parameters, db
        klass_info, select = compiler.klass_info, compiler.select
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.related_populators = get_related_populators(klass_info, select, db)
        converters = compiler.get_converters([s[0] for s in select[: compiler.col_count]])
        self.converters = list(converters.items())
        self.pk_attname = self.model._meta.pk.attname

    @classmethod
    def compile(cls, queryset_of, count):
        probes = [_PK_PROBE_BASE - index for index in range(count)]
        queryset = queryset_of(probes)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = {probe: index for index, probe in enumerate(probes)}
        parameters = [(None, slots[p]) if p in slots else (p, None) for p in params]
        if sorted(index for _v, index in parameters if index is not None) != list(range(count)):
            return None
        if compiler.annotation_col_map or queryset._known_related_objects:
            return None
        return cls(sql, parameters, compiler, queryset.db)

    def load(self, connection, pks):
        params = [value if index is None else pks[index] for value, index in self.parameters]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self._converted(rows, connection)
        loaded = {}
        for row in rows:
            obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.related_populators:
                populator.populate(row, obj)
            loaded[getattr(obj, self.pk_attname)] = obj
        return loaded

    def _converted(self, rows, connection):
        # SQLCompiler.apply_converters, with this thread's connection rather than the one
        # the query was compiled on.
        for row in map(list, rows):
            for position, (converters, expression) in self.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
            yield row
