"""Diacritic-insensitive search on PostgreSQL, through the `cchc_vietnamese` configuration.

The configuration (migration cchc_news 0003, named by SEARCH_CONFIG) does the folding.
Python only puts the text in NFC and, on both sides, makes a "/" inside a word a word break:
PostgreSQL's parser reads "4849/BNV-CCHC" or "12/3/2025" as one file-path token, so neither
"4849" nor "BNV-CCHC" would find the document number that the SQLite backend finds.
"""

import re
import unicodedata

from modelsearch.backends.database.postgres.postgres import (
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from . import IndexWriterMixin, QueryTextMixin
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


class VietnamesePostgresIndex(IndexWriterMixin, PostgresIndex):
    indexer_class = PostgresTextIndexer
    indexed_attributes = ("title", "autocomplete", "body", "title_text", "body_text")


class VietnamesePostgresQueryCompiler(QueryTextMixin, PostgresSearchQueryCompiler):
    def prepare_query_text(self, text):
        return postgres_text(text)


class VietnamesePostgresAutocompleteQueryCompiler(
    QueryTextMixin, PostgresAutocompleteQueryCompiler
):
    def prepare_query_text(self, text):
        return postgres_text(text)


class VietnamesePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = VietnamesePostgresQueryCompiler
    autocomplete_query_compiler_class = VietnamesePostgresAutocompleteQueryCompiler
    index_class = VietnamesePostgresIndex

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": SEARCH_CONFIG, **params})
        # Upstream autocompletes with `simple` to avoid stemming; ours does not stem either.
        self.autocomplete_config = self.config


SearchBackend = VietnamesePostgresSearchBackend
