"""Values derived from public content (the news listing's item count), cached per generation
of public content.

The key holds the generation (cchc_news.models.ContentChange), which every change of public
content moves on in its own transaction: the moment a change commits, the entries computed
before it are no longer read (they expire on their own), as with the page cache
(cchc_news.public.page_cache). The generation is read before the value is computed, so an
entry holds what that generation showed or something newer, never something older.

The cache is an optimisation only: a cache error is logged and the value computed.
"""

import logging
import threading
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import caches

from . import conf
from .models.content_generation import ContentChange

logger = logging.getLogger(__name__)

KEY = "cchc:derived:v1:{generation}:{name}"
# Entries of past generations are never read again: they only need to outlive a quiet spell.
ENTRY_SECONDS = 3600
GENERATION_ATTR = "_cchc_content_generation"
MISSING = object()
# The request being served (`serving`): what a read without a request (Wagtail's check of a
# page's view restrictions, say) shares its generation with.
SERVED_REQUEST = ContextVar("cchc_served_request", default=None)


def store():
    # The page cache's store: the same Redis, reached the same way.
    return caches[conf.get("CCHC_PAGE_CACHE_ALIAS")]


@contextmanager
def serving(request):
    """While `request` is served, reads given no request read the generation once with it."""
    token = SERVED_REQUEST.set(request)
    try:
        yield
    finally:
        SERVED_REQUEST.reset(token)


def request_generation(request=None):
    """The generation of public content, read once per request (kept on it); without a
    request, that of the request being served, if any."""
    if request is None:
        request = SERVED_REQUEST.get()
    generation = getattr(request, GENERATION_ATTR, None)
    if generation is None:
        generation = ContentChange.generation()
        remember_generation(request, generation)
    return generation


def remember_generation(request, generation):
    """Keep `generation` (read at the start of the request) for the request's later reads."""
    if request is not None:
        setattr(request, GENERATION_ATTR, generation)


def stored_by_generation(names, request=None):
    """The values of the generation stored under `names` (those there are), read in one round
    trip: for cached_by_generation(..., stored=...) of the values a view needs together."""
    if ContentChange.uncommitted():
        return {}
    generation = request_generation(request)
    keys = {KEY.format(generation=generation, name=name): name for name in names}
    try:
        values = store().get_many(list(keys))
    except Exception as error:
        logger.warning("Derived values cache unavailable, computing %s: %r", names, error)
        return {}
    return {keys[key]: value for key, value in values.items()}


def cached_by_generation(name, compute, request=None, keep=None, stored=None):
    """compute() once per generation of public content; `name` says what (and of what) it is.
    A value that `keep(value)` refuses is returned without being stored (a value of the
    visitor's making: an unknown slug, say). `stored`: what stored_by_generation() found,
    taken as it is when it holds `name`.

    Not in a transaction that changed public content: its generation is not committed (and
    comes back to the old one if it rolls back), so its values are computed and not kept.
    """
    if stored and name in stored:
        return stored[name]
    if ContentChange.uncommitted():
        return compute()
    key = KEY.format(generation=request_generation(request), name=name)
    try:
        value = store().get(key, MISSING)
    except Exception as error:
        logger.warning("Derived values cache unavailable, computing %s: %r", name, error)
        return compute()
    if value is not MISSING:
        return value
    value = compute()
    if keep is not None and not keep(value):
        return value
    try:
        store().set(key, value, timeout=ENTRY_SECONDS)
    except Exception as error:
        logger.warning("Could not cache %s: %r", name, error)
    return value


class GenerationMemo:
    """Values of the current generation kept in this process, at most the setting `size_setting`
    of them (0: none): for values keyed by what a visitor chooses (a search's words), which
    must not grow the shared cache with each new key. Holds one generation's values: seeing
    another (a change, or a database restored from a backup) forgets them; so does being full.
    As cached_by_generation, nothing is kept inside a transaction that changed public content."""

    def __init__(self, size_setting):
        self.size_setting = size_setting
        self._generation = None
        self._values = {}
        self._lock = threading.Lock()  # Django may serve requests in threads

    def get(self, key, compute, request=None):
        size = conf.get(self.size_setting)
        if not size or ContentChange.uncommitted():
            return compute()
        generation = request_generation(request)
        with self._lock:
            if generation != self._generation:
                self._generation, self._values = generation, {}
            value = self._values.get(key, MISSING)
        if value is not MISSING:
            return value
        value = compute()
        with self._lock:
            if generation == self._generation:
                if len(self._values) >= size:
                    self._values.clear()
                self._values[key] = value
        return value

    def clear(self):
        with self._lock:
            self._generation, self._values = None, {}
