"""Diacritic-insensitive search on PostgreSQL, through the `cchc_vietnamese` configuration.

The configuration (migration cchc_news 0003, named by SEARCH_CONFIG) does the folding.
Python only puts the text in NFC and, on both sides, makes a "/" inside a word a word break:
PostgreSQL's parser reads "4849/BNV-CCHC" or "12/3/2025" as one file-path token, so neither
"4849" nor "BNV-CCHC" would find the document number that the SQLite backend finds.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import BooleanField, Case, F, FloatField, Func, TextField, Value, When
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres.postgres import (
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import LexemeCombinable
from modelsearch.query import PlainText

from ..text_folding import spelling_tokens
from . import HIGHER_IS_BETTER, SPELLED_AS_TYPED_BONUS, IndexWriterMixin, QueryTextMixin
from .prepared_once import PreparedOnceMixin

SEARCH_CONFIG = "cchc_vietnamese"
# A slash between two word characters; not the one of a closing tag ("</b>"), after
# which the parser would take the rest for markup.
SLASH_IN_WORD = re.compile(r"(?<=\w)/(?=\w)")


def postgres_text(text):
    return SLASH_IN_WORD.sub(" ", unicodedata.normalize("NFC", text))


class PostgresTextIndexer(PreparedOnceMixin, ObjectIndexer):
    def prepare_value(self, value):
        return postgres_text(super().prepare_value(value))

    @cached_property
    def body(self):
        """The body's vector and the spelling tokens of the title's and the body's words."""
        vector = ObjectIndexer.body.func(self)
        tokens = spelling_tokens(f"{self.title_text} {self.body_text}")
        if not tokens:
            return vector
        return vector + SearchVector(
            Value(tokens, output_field=TextField()), weight="D", config=self.config
        )


def has_every_token(vector, tokens):
    """`vector @@ 'token' & …`: the tokens are ASCII letters, which no configuration changes."""
    query = SearchQuery(" ".join(tokens), config="simple", search_type="plain")
    return Func(
        vector, query, arg_joiner=" @@ ", template="(%(expressions)s)", output_field=BooleanField()
    )


class VietnamesePostgresIndex(IndexWriterMixin, PostgresIndex):
    indexer_class = PostgresTextIndexer
    indexed_attributes = ("title", "autocomplete", "body", "title_text", "body_text")


class VietnamesePostgresQueryCompiler(QueryTextMixin, PostgresSearchQueryCompiler):
    def prepare_query_text(self, text):
        return postgres_text(text)

    def _build_rank_expression(self, vectors, config):
        rank = super()._build_rank_expression(vectors, config)
        if not self.spelling_tokens or self.fields is not None:  # fields: no index entry
            return rank
        spelled = has_every_token(F("index_entries__body"), self.spelling_tokens)
        bonus = Case(
            When(spelled, then=Value(SPELLED_AS_TYPED_BONUS)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return rank + bonus


class VietnamesePostgresAutocompleteQueryCompiler(
    QueryTextMixin, PostgresAutocompleteQueryCompiler
):
    def prepare_query_text(self, text):
        return postgres_text(text)


class VietnamesePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = VietnamesePostgresQueryCompiler
    autocomplete_query_compiler_class = VietnamesePostgresAutocompleteQueryCompiler
    index_class = VietnamesePostgresIndex
    score_order = HIGHER_IS_BETTER
    # A score beside the match is computed before ORDER BY … LIMIT cuts the matches wherever
    # the plan sorts them after finding them through the index: the section's search scores
    # its candidates around their query instead (cchc_news.public.candidate_scores).
    scores_before_the_bound = True

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": SEARCH_CONFIG, **params})
        # Upstream autocompletes with `simple` to avoid stemming; ours does not stem either.
        self.autocomplete_config = self.config

    def query_values(self, queryset, query, operator=None):
        """The values that `query` puts in the SQL of `queryset.search(query, operator=…)`,
        the rest of which the query's text does not change (cchc_news.public.compiled_search):
        the text of its tsquery and that of its spelling tokens (None without any), or None
        if it has no term (then the SQL would differ)."""
        compiler = self.query_compiler_class(queryset, query, operator=operator)
        if not isinstance(compiler.query, PlainText):
            return None
        tsquery = compiler.build_tsquery(compiler.query, config=self.config)
        if tsquery is None:
            return None
        # SearchQuery(config, lexemes) of search_type "raw": the lexemes are one parameter.
        lexemes = tsquery.source_expressions[-1]
        if not isinstance(lexemes, LexemeCombinable):
            return None
        sql, params = queryset.query.get_compiler(queryset.db).compile(lexemes)
        if sql != "%s" or len(params) != 1:
            return None
        tokens = " ".join(compiler.spelling_tokens) if compiler.spelling_tokens else None
        return params[0], tokens


SearchBackend = VietnamesePostgresSearchBackend
