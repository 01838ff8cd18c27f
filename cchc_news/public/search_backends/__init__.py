"""Wagtail search backends that find Vietnamese text whatever the diacritics typed.

`site/portal/settings.py` picks one by database engine:

- PostgreSQL (`.postgres`): the `cchc_vietnamese` text search configuration (migration
  cchc_news 0003: `simple` with `unaccent` in front, no stemming) folds both the indexed
  text and the query.
- SQLite (`.sqlite`): FTS5's tokenizer keeps "đ" and the doubly-marked letters ("ệ"), so
  the text is folded in Python (`cchc_news.public.text_folding`) before it is indexed, and the
  query before it is matched.

Both also index a token per spelling of each word written with marks
(`text_folding.spelling_tokens`), and rank first the pages that have every word the visitor
typed with marks in that spelling (`QueryTextMixin.spelling_tokens`).

The upstream index classes build their entries with a module-level `ObjectIndexer`; the
`IndexWriterMixin` below writes them with an indexer class of ours instead.
"""

import copy

from modelsearch.query import Not
from modelsearch.utils import get_content_type_pk

from ..text_folding import marked_words, spelling_token

# Added to the rank of a page that has every word typed with marks in the spelling typed
# (the index's spelling tokens, cchc_news.public.text_folding): above any rank the text
# alone earns, so such pages come first, each group in the text's order.
SPELLED_AS_TYPED_BONUS = 1000.0

# A backend's `score_order`: how its scores (SearchResults.annotate_score) order matches by
# relevance, the best first; the section's search then ranks the scored candidates itself
# rather than with a second query (cchc_news.public.search.ranked_candidates).
HIGHER_IS_BETTER = "desc"
LOWER_IS_BETTER = "asc"  # SQLite's bm25()


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


def query_texts(query):
    """The text of each term of a search query, but for the terms it excludes."""
    if isinstance(query, Not):
        return []
    text = getattr(query, "query_string", None)
    texts = [text] if isinstance(text, str) else []
    if hasattr(query, "subquery"):
        texts += query_texts(query.subquery)
    for subquery in getattr(query, "subqueries", []):
        texts += query_texts(subquery)
    return texts


class QueryTextMixin:
    """For query compilers: prepare the query's text the way the indexed text was prepared.

    `spelling_tokens` are the index tokens of the words typed with marks, taken before
    the text is prepared (folded, on SQLite): a word typed without marks matches every
    spelling alike, a word typed with them ranks its own spelling first.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        typed = " ".join(query_texts(self.query))
        self.spelling_tokens = [spelling_token(word) for word in marked_words(typed)]
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
