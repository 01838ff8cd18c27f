"""Wagtail search backends that find Vietnamese text whatever the diacritics typed.

`site/portal/settings.py` picks one by database engine:

- PostgreSQL (`.postgres`): the `cchc_vietnamese` text search configuration (migration
  cchc_news 0003: `simple` with `unaccent` in front, no stemming) folds both the indexed
  text and the query.
- SQLite (`.sqlite`): FTS5's tokenizer keeps "đ" and the doubly-marked letters ("ệ"), so
  the text is folded in Python (`cchc_news.public.text_folding`) before it is indexed, and the
  query before it is matched.

The upstream index classes build their entries with a module-level `ObjectIndexer`; the
`IndexWriterMixin` below writes them with an indexer class of ours instead.
"""

import copy

from modelsearch.utils import get_content_type_pk


def map_query_text(query, function):
    """A copy of a search query with `function` applied to the text of each of its terms."""
    query = copy.copy(query)
    if isinstance(getattr(query, "query_string", None), str):
        query.query_string = function(query.query_string)
    if hasattr(query, "subquery"):
        query.subquery = map_query_text(query.subquery, function)
    if hasattr(query, "subqueries"):
        query.subqueries = [map_query_text(subquery, function) for subquery in query.subqueries]
    return query


class QueryTextMixin:
    """For query compilers: prepare the query's text the way the indexed text was prepared."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = map_query_text(self.query, self.prepare_query_text)

    def prepare_query_text(self, text):
        raise NotImplementedError


class IndexWriterMixin:
    """For the database index classes: write each entry through `indexer_class`."""

    indexer_class = None
    indexed_attributes = ("title", "autocomplete", "body")

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        content_type_id = get_content_type_pk(model)
        for obj in objs:
            indexer = self.indexer_class(obj, self.backend)
            values = {name: getattr(indexer, name) for name in self.indexed_attributes}
            # A title_norm of 1.0 tells _refresh_title_norms to compute it for this entry.
            self.entries.update_or_create(
                content_type_id=content_type_id,
                object_id=indexer.id,
                defaults={**values, "title_norm": 1.0},
            )
        self._refresh_title_norms()
