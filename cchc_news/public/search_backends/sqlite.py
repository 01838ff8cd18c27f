"""Diacritic-insensitive search on SQLite: the text is folded in Python on both sides.

With FTS5 (every current SQLite build), the index entries hold folded text and FTS5 ranks
them, the title weighing more than the body. Without FTS5 the same folded entries are
matched with LIKE, titles first.
"""

import copy
from functools import cache

from django.db.models import Case, FloatField, IntegerField, Q, Value, When
from django.utils.functional import cached_property
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

from ..text_folding import fold, spelling_tokens
from . import LOWER_IS_BETTER, SPELLED_AS_TYPED_BONUS, IndexWriterMixin, QueryTextMixin
from .prepared_once import PreparedOnceMixin

# bm25() weights of the FTS table's columns, in its order (autocomplete, body, title):
# a word in the title counts ten times one in the body.
COLUMN_WEIGHTS = (0.0, 1.0, 10.0)


class FoldingObjectIndexer(PreparedOnceMixin, ObjectIndexer):
    """Each column folded; the body followed by the spelling tokens of the title's and the
    body's words (cchc_news.public.text_folding)."""

    def unfolded(self, column):
        return getattr(ObjectIndexer, column).func(self)

    @cached_property
    def title(self):
        return fold(self.unfolded("title"))

    @cached_property
    def autocomplete(self):
        return fold(self.unfolded("autocomplete"))

    @cached_property
    def body(self):
        body = self.unfolded("body")
        tokens = spelling_tokens(f"{self.unfolded('title')} {body}")
        return " ".join(filter(None, [fold(body), tokens]))


def spelled_as_typed(column, tokens):
    """Q: `column` (a lookup path) holds every one of the spelling `tokens`."""
    return Q(*[Q(**{f"{column}__contains": token}) for token in tokens])


class FoldingSQLiteIndex(IndexWriterMixin, SQLiteIndex):
    indexer_class = FoldingObjectIndexer

    def _refresh_title_norms(self, full=False):
        """Nothing: upstream computes each entry's title norm from the average title length of
        the whole index (an aggregate over every entry after each save, or a rewrite of every
        entry on a rebuild), and no query of these backends reads it: the FTS5 rank is the
        weighted bm25() alone (FoldingSQLiteQueryCompiler._build_rank_expression), the
        autocomplete's and the LIKE fallback's read no norm."""


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
        rank = self.build_tsrank(None, self.query, config=config)
        if not self.spelling_tokens:
            return rank
        # bm25() is lower for a better match; the rank is computed on the FTS table's rows.
        bonus = Case(
            When(spelled_as_typed("body", self.spelling_tokens), then=-SPELLED_AS_TYPED_BONUS),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return rank + bonus


class FoldingSQLiteAutocompleteQueryCompiler(QueryTextMixin, SQLiteAutocompleteQueryCompiler):
    def prepare_query_text(self, text):
        return fold_query_text(text)


class VietnameseSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FoldingSQLiteQueryCompiler
    autocomplete_query_compiler_class = FoldingSQLiteAutocompleteQueryCompiler
    index_class = FoldingSQLiteIndex
    score_order = LOWER_IS_BETTER


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
                queryset = self.ranked(queryset, compiler)
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset.distinct()[self.start : self.stop]

    @staticmethod
    def ranked(queryset, compiler):
        """The words in the spelling typed first, then those in the title, newest first."""

        def flag(condition):
            return Case(
                When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()
            )

        spelled = spelled_as_typed("index_entries__body", compiler.spelling_tokens)
        return queryset.annotate(
            _spelled=flag(spelled) if compiler.spelling_tokens else Value(0),
            _title_match=flag(compiler.title_filter()),
        ).order_by("-_spelled", "-_title_match", "-pk")


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
