"""Diacritic-insensitive search on SQLite: the text is folded in Python on both sides.

With FTS5 (every current SQLite build), the index entries hold folded text and FTS5 ranks
them, the title weighing more than the body. Without FTS5 the same folded entries are
matched with LIKE, titles first.
"""

import copy
from functools import cache

from django.db.models import Case, IntegerField, Q, Value, When
from modelsearch.backends.database.fallback import (
    MATCH_ALL,
    MATCH_NONE,
    DatabaseSearchBackend,
    DatabaseSearchQueryCompiler,
    DatabaseSearchResults,
)
from modelsearch.backends.database.sqlite.query import BM25
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchRebuilder,
)
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.query import Not, Phrase, PlainText
from modelsearch.utils import OR

from ..text_folding import fold
from . import IndexWriterMixin, QueryTextMixin
from .prepared_once import PreparedOnceMixin

# bm25() weights of the FTS table's columns, in its order (autocomplete, body, title):
# a word in the title counts ten times one in the body.
COLUMN_WEIGHTS = (0.0, 1.0, 10.0)


class FoldingObjectIndexer(PreparedOnceMixin, ObjectIndexer):
    def prepare_value(self, value):
        return fold(super().prepare_value(value))


class FoldingSQLiteIndex(IndexWriterMixin, SQLiteIndex):
    indexer_class = FoldingObjectIndexer


def fold_query_text(text):
    # A double quote would end the FTS5 string the term is put in; it is no word character.
    return fold(text).replace('"', " ")


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        placeholders = ", ".join(["%s"] * len(COLUMN_WEIGHTS))
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {placeholders})", list(COLUMN_WEIGHTS)


class FoldingSQLiteQueryCompiler(QueryTextMixin, SQLiteSearchQueryCompiler):
    def prepare_query_text(self, text):
        return fold_query_text(text)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            return WeightedBM25() * boost if boost != 1.0 else WeightedBM25()
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def _build_rank_expression(self, vectors, config):
        # Upstream adds bm25() of the whole row once per column, the title's times its
        # length norm: any short title (a bulletin's) then outranks a long title that has
        # every word. The column weights alone put title matches first.
        return self.build_tsrank(None, self.query, config=config)


class FoldingSQLiteAutocompleteQueryCompiler(QueryTextMixin, SQLiteAutocompleteQueryCompiler):
    def prepare_query_text(self, text):
        return fold_query_text(text)


class VietnameseSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FoldingSQLiteQueryCompiler
    autocomplete_query_compiler_class = FoldingSQLiteAutocompleteQueryCompiler
    index_class = FoldingSQLiteIndex


class FoldingFallbackQueryCompiler(QueryTextMixin, DatabaseSearchQueryCompiler):
    """Substring matches of the folded terms in the folded index entries."""

    columns = ("title", "body")

    def prepare_query_text(self, text):
        return fold(text)

    def build_single_term_filter(self, term):
        return OR([Q(**{f"index_entries__{column}__contains": term}) for column in self.columns])

    def build_database_filter(self, query, boost=1.0):
        if isinstance(query, Phrase):
            return self.build_single_term_filter(query.query_string)
        return super().build_database_filter(query, boost=boost)

    def title_filter(self):
        title_only = copy.copy(self)
        title_only.columns = ("title",)
        return title_only.build_database_filter(self.query)


class FoldingFallbackAutocompleteQueryCompiler(FoldingFallbackQueryCompiler):
    columns = ("autocomplete",)


class FoldingFallbackResults(DatabaseSearchResults):
    def get_queryset(self):
        compiler = self.query_compiler
        queryset = compiler.queryset
        condition = compiler.build_database_filter(compiler.query)
        if condition == MATCH_NONE:
            queryset = queryset.none()
        elif condition != MATCH_ALL:
            queryset = queryset.filter(condition)
            if compiler.order_by_relevance:
                title_match = Case(
                    When(compiler.title_filter(), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
                queryset = queryset.annotate(_title_match=title_match).order_by(
                    "-_title_match", "-pk"
                )
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset.distinct()[self.start : self.stop]


class VietnameseFallbackSearchBackend(DatabaseSearchBackend):
    """For a SQLite built without FTS5: the same folded entries, matched with LIKE."""

    query_compiler_class = FoldingFallbackQueryCompiler
    autocomplete_query_compiler_class = FoldingFallbackAutocompleteQueryCompiler
    results_class = FoldingFallbackResults
    index_class = FoldingSQLiteIndex
    rebuilder_class = SQLiteSearchRebuilder

    def __init__(self, params):
        super().__init__(params)
        self.config = self.autocomplete_config = None  # read by the SQLite indexer


@cache
def fts5_usable():
    return fts5_available() and fts_table_exists()


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    if fts5_usable():
        return VietnameseSQLiteSearchBackend(params)
    return VietnameseFallbackSearchBackend(params)
