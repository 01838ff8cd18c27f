"""Search over published items and bulletins, insensitive to Vietnamese diacritics.

`<section>/tim-kiem/?q=…&page=…` lists the live, public pages under the section whose
types CCHC_SEARCH_PAGE_TYPES names (news items and bulletins by default, by label: this app
does not import the bulletin app), ranked by the search backend (cchc_news.public.search_backends,
title matches first), ten a page, with the searched words marked in the title and snippet.
A query that matches more than CCHC_SEARCH_RANKED_MATCHES pages ranks the most recent that
many: a common word costs no more than a rare one, and the page says "more than" that many.
Of a query of more than CCHC_SEARCH_MAX_WORDS different words, the first that many are
searched (the page says so): ranking costs the square of the words typed. The
ranking query is stopped after CCHC_SEARCH_TIMEOUT_MS (a locked table, an overloaded database)
and the page says so, with status 503: the search never holds a server process longer.
Among them, the pages with every word typed with marks in the spelling typed come first
("cải cách" before "cài đặt … cách"); a word typed without marks favours no spelling.

A result that is a news item shows its agency, summary and body. Any other result shows its
`intro` and, if it lists news items through `item_ids()` as a bulletin does, their titles
and summaries, loaded for the whole page of results in one query.
"""

import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from modelsearch.backends import get_search_backend
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from .. import conf
from ..generation_cache import GenerationMemo
from ..models import NewsItemPage
from ..models.pages import paginate, private_pages, public_pages
from ..section_routes import section_route
from ..statement_time_limit import StatementTimedOut, time_limited
from . import candidate_scores, compiled_search
from .highlight import Highlighter
from .text_folding import first_words, search_words

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
TEMPLATE = "cchc_news/search_results.html"
logger = logging.getLogger(__name__)
# What a news item's result reads: its rows hold the whole page otherwise (every Page column,
# the agency's), each read into the model for nothing.
NEWS_ITEM_RESULT_FIELDS = (
    "title",
    "url_path",
    "first_published_at",
    "summary",
    "body",
    "agency__short_name",
)


@dataclass
class SearchResult:
    page: Page
    kind: str
    url: str
    title: str  # HTML, escaped, with the searched words in <mark>
    snippet: str  # same
    source: str = ""  # the agency, for a news item
    date: datetime | None = None
    # The date as {{ date|date:"c" }} and {{ date|date:"d/m/Y" }} write it: the filter cost
    # more than the rest of a result's markup (published_dates).
    date_iso: str = ""
    date_shown: str = ""


def clean_query(raw):
    """The query on one line, in NFC, without control characters, at most 200 characters."""
    text = unicodedata.normalize("NFC", raw or "")
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[:MAX_QUERY_LENGTH]
        # Drop a word cut in two, unless the query is one long word.
        text = cut.rsplit(" ", 1)[0] if " " in cut and text[MAX_QUERY_LENGTH] != " " else cut
    return text.strip()


def page_types():
    """The models CCHC_SEARCH_PAGE_TYPES names, but for those of apps not installed."""
    installed = {config.label for config in apps.get_app_configs()}
    labels = conf.get("CCHC_SEARCH_PAGE_TYPES")
    return tuple(apps.get_model(label) for label in labels if label.split(".")[0] in installed)


def searched_pages(section, request=None):
    """Live, public pages of the searched types under `section` (the view restrictions read
    once per request: cchc_news.models.pages.public_pages)."""
    return public_pages(Page.objects.live(), request).descendant_of(section).type(*page_types())


def candidate_matches(section, query, limit, request=None):
    """The `limit` most recent pages with every word of `query`, newest first, as the
    search backend's results (a queryset: this app's backends are all database ones)."""
    return (
        searched_pages(section, request)
        .order_by("-first_published_at", "-id")
        .search(query, operator="and", order_by_relevance=False)[:limit]
    )


def score_order(backend):
    """ "desc" if the backend scores a better match higher, "asc" if lower, None if it
    scores none outside its own ordering (SCORE_ORDER of cchc_news.public.search_backends)."""
    return getattr(backend, "score_order", None)


def ranked_candidates(section, query, limit, request=None):
    """The (pk, content type id) of the `limit` most recent pages with every word of
    `query`, best first.

    Found through the index and scored in the same query where the backend can, the
    candidates only (cchc_news.public.candidate_scores): ranking every match of a common word
    costs a rank computation per match (10,000 of them for "cai cach" on a large site), and
    ranking the candidates in a query of their own matched them against the query a second
    time. The query's SQL is compiled once per
    shape where the backend can say what the words put in it (cchc_news.public.compiled_search).
    """
    rows, backend = compiled_search.scored_rows(
        query,
        search_shape(section, limit, request),
        lambda text: candidate_scores.scored_sql(
            candidate_matches(section, text, limit + 1, request)
        ),
    )
    order = score_order(backend)
    if rows is None:
        matches = candidate_matches(section, query, limit + 1, request)
        if order is None:
            return ranked_apart(matches, query, limit)
        rows = candidate_scores.rows(matches)
    candidates, more = rows[:limit], len(rows) > limit
    # As the backend orders by relevance: the score, then the highest pk.
    sign = -1 if order == "desc" else 1
    candidates.sort(key=lambda row: (sign * row[2], -row[0]))
    return [(pk, content_type_id) for pk, content_type_id, _score in candidates], more


def search_shape(section, limit, request=None):
    """All that the SQL of ranked_candidates depends on but the words (and the backend)."""
    return section.pk, section.path, section.depth, private_pages(request), page_types(), limit


def ranked_apart(matches, query, limit):
    """ranked_candidates for a backend without scores: the candidates ranked by a second
    query (they passed every filter already)."""
    pks = list(matches.get_queryset().values_list("pk", flat=True))
    pks, more = pks[:limit], len(pks) > limit
    if not pks:
        return [], False
    ranked = Page.objects.filter(pk__in=pks).search(query, operator="and")
    return list(ranked.get_queryset().values_list("pk", "content_type_id")), more


def search_pages(section, query, request=None):
    """The (pk, content type id) of the pages with every word of `query` (see
    searched_pages), best first, and whether more pages than CCHC_SEARCH_RANKED_MATCHES
    match.

    Up to that many, every match is ranked; beyond, only the most recent that many are
    (news search favours what is recent), and the count says "more than". The paginator
    takes the (pk, content type id) pairs: the specific pages are loaded next anyway
    (specific_pages), for the page of results only.
    """
    limit = conf.get("CCHC_SEARCH_RANKED_MATCHES")
    return RANKED.get(
        ranked_candidates_key(section, query, limit, request),
        lambda: ranked_in_time(section, query, limit, request),
        request,
    )


def ranked_in_time(section, query, limit, request=None):
    """ranked_candidates(), its statements stopped after CCHC_SEARCH_TIMEOUT_MS:
    StatementTimedOut then, and nothing is kept (the same words may be ranked in time later)."""
    with time_limited(conf.get("CCHC_SEARCH_TIMEOUT_MS"), using=Page.objects.db):
        return ranked_candidates(section, query, limit, request)


# A query's ranked candidates, kept per generation in each process (not in Redis: each new
# query a visitor types would add an entry there).
RANKED = GenerationMemo("CCHC_SEARCH_KEPT_QUERIES")


def ranked_candidates_key(section, query, limit, request=None):
    """What ranked_candidates() depends on: the words, the SQL's shape (section, view
    restrictions, page types, limit) and the backend."""
    backend = get_search_backend()
    shape = search_shape(section, limit, request)
    backend_class = f"{type(backend).__module__}.{type(backend).__qualname__}"
    return repr((query, shape, backend_class, getattr(backend, "config", None)))


def specific_pages(rows):
    """The specific page for each (pk, content type id) of `rows`, in their order, in one
    query per page type."""
    pks_by_model = {}
    for pk, content_type_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        pks_by_model.setdefault(model, []).append(pk)
    loaded = {}
    for model, pks in pks_by_model.items():
        loaded.update(compiled_search.loaded_by_pk(result_queryset(model), model, pks))
    return [loaded[pk] for pk, _content_type_id in rows if pk in loaded]


def result_queryset(model):
    """The query of the pages of `model` among the results: pks -> queryset."""

    def queryset_of(pks):
        queryset = model.objects.filter(pk__in=pks)
        if issubclass(model, NewsItemPage):
            # The columns a result shows (build_results), and the path its URL is made of.
            queryset = queryset.select_related("agency").only(*NEWS_ITEM_RESULT_FIELDS)
        return queryset

    return queryset_of


def listed_items(pages, request=None):
    """{pk: (title, summary)} of the live, public news items that `pages` list."""
    pks = {pk for page in pages if hasattr(page, "item_ids") for pk in page.item_ids()}
    if not pks:
        return {}
    items = public_pages(NewsItemPage.objects.live(), request).filter(pk__in=pks)
    rows = items.values_list("pk", "title", "summary")
    return {pk: (title, summary) for pk, title, summary in rows}


# Bounds of the per-process memos below: a few MB each at most.
PLAIN_TEXTS_KEPT = 256
SNIPPETS_KEPT = 256


@lru_cache(maxsize=PLAIN_TEXTS_KEPT)
def plain_text(html):
    """get_text_for_indexing(html), kept: a pure function of the rich text, and the recent
    pages' bodies come back in one search after another."""
    return get_text_for_indexing(html)


def snippet_sources(page, items):
    if isinstance(page, NewsItemPage):
        return [page.summary, plain_text(page.body or "")]
    texts = [plain_text(str(getattr(page, "intro", "") or ""))]
    listed = page.item_ids() if hasattr(page, "item_ids") else []
    texts += [f"{items[pk][0]}: {items[pk][1]}" for pk in listed if pk in items]
    return texts


def published_dates(value):
    """{"date_iso": value|date:"c", "date_shown": value|date:"d/m/Y"}: the filter's output for
    a datetime (in the current time zone, as the template converts it; "c" is isoformat(),
    "d", "m" and "Y" zero-padded numbers), without its per-call formatting machinery."""
    if value is None:
        return {}
    local = template_localtime(value)  # a date (no time) as it is
    return {
        "date_iso": local.isoformat(),
        "date_shown": f"{local.day:02d}/{local.month:02d}/{local.year:04d}",
    }


_snippets = {}  # {(query, texts): snippet}


def snippet(highlighter, texts):
    """highlighter.snippet(texts), kept per query and texts (a pure function of both, and
    the costliest part of a result): a repeated search, a page of results seen again,
    cuts its snippets once. Cleared when full."""
    key = (highlighter.query, tuple(texts))
    found = _snippets.get(key)
    if found is None:
        if len(_snippets) >= SNIPPETS_KEPT:
            _snippets.clear()
        found = _snippets[key] = highlighter.snippet(texts)
    return found


def build_results(rows, highlighter, request):
    pages = specific_pages(rows)
    items = listed_items(pages, request)
    return [
        SearchResult(
            page=page,
            kind=capfirst(page._meta.verbose_name),
            url=page.get_url(request),
            title=highlighter.mark(page.title),
            snippet=snippet(highlighter, snippet_sources(page, items)),
            source=page.agency.short_name if getattr(page, "agency", None) else "",
            date=page.first_published_at,
            **published_dates(page.first_published_at),
        )
        for page in pages
    ]


def page_link(query, number):
    return "?" + urlencode({"q": query, "page": number})


def seo(query):
    """For {% seo_meta %}: the query in the <title>; result pages kept out of search engines."""
    title = _("Search: %(query)s") % {"query": query} if query else _("Search")
    return {"title": title, "robots": "noindex"}


def search_context(section, request):
    query = clean_query(request.GET.get("q", ""))
    context = {"page": section, "self": section, "query": query, "seo": seo(query)}
    if not query:
        return context
    # Ranking a query costs the square of its words (PostgreSQL's ts_rank scores every pair
    # of positions of every pair of words): beyond the bound, the words typed are left out.
    max_words = conf.get("CCHC_SEARCH_MAX_WORDS")
    searched, cut = first_words(query, max_words)
    if cut:
        context.update(searched_query=searched, max_words=max_words)
    words = search_words(searched)
    if not words:  # only punctuation: nothing can match
        return {**context, "results": [], "total": 0}
    try:
        matches, more = search_pages(section, searched, request)
    except StatementTimedOut:
        # The words are the visitor's: their number and length say enough to an operator.
        logger.warning(
            "A search was stopped after CCHC_SEARCH_TIMEOUT_MS (%s ms): %s words, %s characters.",
            conf.get("CCHC_SEARCH_TIMEOUT_MS"),
            len(words),
            len(searched),
        )
        return {**context, "results": [], "total": 0, "timed_out": True}
    page_of_results = paginate(request, matches, RESULTS_PER_PAGE)
    return {
        **context,
        "results": build_results(page_of_results.object_list, Highlighter(searched), request),
        "total": page_of_results.paginator.count,
        "more_than_total": more,
        "page_of_results": page_of_results,
        "previous_url": page_of_results.has_previous()
        and page_link(query, page_of_results.previous_page_number()),
        "next_url": page_of_results.has_next()
        and page_link(query, page_of_results.next_page_number()),
    }


@section_route("search")
def render_search_results(section, request):
    context = search_context(section, request)
    # A stopped search is the server's limit, not the visitor's error: 503, as for an overload.
    status = 503 if context.get("timed_out") else 200
    response = TemplateResponse(request, TEMPLATE, context, status=status)
    # Every query is a different URL: not worth a place in a shared cache.
    patch_cache_control(response, private=True)
    return response
