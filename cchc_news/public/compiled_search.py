"""The SQL of the section's scored candidate query, compiled once per process for each shape.

Building that query (the live, public pages of the searched types under the section, then
modelsearch's match and rank expressions) and compiling it cost some 2 ms of Python per
search, for SQL that one query's words change only in a few parameters: on PostgreSQL, the
text of the tsquery and that of the spelling tokens (the backend's `query_values`). So the
SQL is compiled once for each section, set of private pages, page types, limit and backend,
and for each kind of query (words with marks or not), with probe words standing for the
visitor's; a search then puts its own values in the probe's places. A backend without
`query_values` (SQLite's) compiles the query at each search, as before.

Nothing is kept of any result: only SQL and the parameters that do not come from the words.
"""

from django.db import connections
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


post_migrate.connect(_forget_compiled, dispatch_uid="cchc_news.public.compiled_search")


def scored_rows(query, shape, scored_queryset):
    """The rows (pk, content type id, score) of `scored_queryset(query)`, run from its SQL as
    compiled once for `shape` (all that the SQL depends on but the words: the section, its
    private pages, the page types, the limit), and the backend; None, rows unread, where the
    backend cannot tell a query's values."""
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
            lambda probe: scored_queryset(probe).query.sql_with_params(),
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
