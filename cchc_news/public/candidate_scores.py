"""The SQL that scores the section search's candidates, and its rows.

On PostgreSQL a score computed beside the match is computed before ORDER BY … LIMIT cuts the
matches wherever the plan finds them through the index and sorts them next (a query of
several words, whose matches PostgreSQL expects few): every match was scored, not the bound's
number (400 three-page items matching 40 common words: 1.4 s). For a backend that says so
(`scores_before_the_bound`) the candidates' query goes in FROM, with their index entry's
columns, and the score is computed over its rows only: PostgreSQL plans a subquery with a
LIMIT on its own. Same scores, same rows; "cai cach" at 10,000 items costs what it did.
"""

from django.db import connections
from wagtail.search.models import IndexEntry

# The index entry's columns that PostgreSQL's scores read (modelsearch's rank, the spelling bonus).
ENTRY_COLUMNS = ("title", "body", "title_norm")
CANDIDATES = '"candidates"'


def scored_sql(matches):
    """(sql, params) of the (pk, content type id, score) of the search results `matches` (the
    candidates, sliced), scored after the slice where the backend would score them before."""
    scored = matches.annotate_score("_score").get_queryset()
    scored = scored.values_list("pk", "content_type_id", "_score")
    if getattr(matches.backend, "scores_before_the_bound", False):
        around = scored_around(matches, scored)
        if around is not None:
            return around
    return scored.query.sql_with_params()


def scored_around(matches, scored):
    """scored_sql's query with the candidates in FROM, or None if the score reads more than
    ENTRY_COLUMNS of the index entry (then it stays beside the match)."""
    compiler = scored.query.get_compiler(scored.db)
    compiler.setup_query()
    score_sql, score_params = next(
        compiled for _expression, compiled, alias in compiler.select if alias == "_score"
    )
    table = f'"{IndexEntry._meta.db_table}".'
    for column in ENTRY_COLUMNS:
        score_sql = score_sql.replace(f'{table}"{column}"', f'{CANDIDATES}."{column}"')
    if table in score_sql:
        return None
    inner = matches.get_queryset().values_list(
        "pk", "content_type_id", *(f"index_entries__{column}" for column in ENTRY_COLUMNS)
    )
    inner_sql, inner_params = inner.query.sql_with_params()
    for column in ENTRY_COLUMNS:
        inner_sql = inner_sql.replace(f'AS "index_entries__{column}"', f'AS "{column}"')
    # Django's own SQL put together; the visitor's words are in the parameters only.
    sql = (
        f'SELECT {CANDIDATES}."pk", {CANDIDATES}."content_type_id", {score_sql} AS "_score" '  # noqa: S608
        f"FROM ({inner_sql}) AS {CANDIDATES}"
    )
    return sql, (*score_params, *inner_params)


def rows(matches):
    """The rows of scored_sql(matches)."""
    sql, params = scored_sql(matches)
    with connections[matches.query_compiler.queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
