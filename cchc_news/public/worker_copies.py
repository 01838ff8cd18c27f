"""A worker's own copies of the page cache's entries, so that a hit need not fetch its body.

A hit used to read its entry (up to ~80 KB for a bulletin of 100 entries) from Redis and
unpickle it on every request. An entry is only ever superseded by a new generation of public
content (cchc_news.public.page_cache), so a copy kept in the worker is exactly as good as the
entry while the generation it was rendered at is the current one: a hit with a copy reads
just the generation's lease (a few bytes) and answers from memory. Everything else stays as it
was: the copy expires when its entry does, a copy of another generation is never served, and
the lease is the same exact one (withdrawn in a change's transaction).

The one way a generation can be seen again with other content is a database restored from a
backup: the generation goes back. The README then has Redis emptied; the copies are forgotten
as soon as a worker sees a generation lower than one it has seen (within the lease's second).

Bounded by CCHC_PAGE_CACHE_WORKER_BYTES (0: no copies), least recently used first out.
"""

import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from .. import conf


class Copy(NamedTuple):
    generation: int
    declared: bool  # the view declared its query parameters (page_cache.thaw)
    expires: float  # time.time() at which the entry expires in the store
    stored: object  # page_cache.StoredResponse

    @property
    def size(self):
        return len(self.stored.content) + sum(len(n) + len(v) for n, v in self.stored.headers)


class WorkerCopies:
    def __init__(self):
        self._copies = OrderedDict()
        self._bytes = 0
        self._highest_generation = 0
        self._lock = threading.Lock()  # Django may serve requests in threads

    def get(self, key):
        """The copy kept under `key`, or None (also once it has expired)."""
        with self._lock:
            copy = self._copies.get(key)
            if copy is None:
                return None
            if copy.expires <= time.time():
                self._drop(key)
                return None
            self._copies.move_to_end(key)
            return copy

    def keep(self, key, copy):
        limit = conf.get("CCHC_PAGE_CACHE_WORKER_BYTES")
        size = copy.size
        if not limit or size > limit // 4:  # one page may not push out most of the others
            return
        with self._lock:
            self._drop(key)
            self._copies[key] = copy
            self._bytes += size
            while self._bytes > limit:
                self._drop(next(iter(self._copies)))

    def discard(self, key):
        with self._lock:
            self._drop(key)

    def saw_generation(self, generation):
        """Note the current generation; forget every copy if it has gone back (a database
        restored). Returns whether the copies are still good."""
        if generation >= self._highest_generation:
            self._highest_generation = generation
            return True
        with self._lock:
            self._highest_generation = generation
            self.clear_unlocked()
        return False

    def clear(self):
        with self._lock:
            self._highest_generation = 0
            self.clear_unlocked()

    def clear_unlocked(self):
        self._copies.clear()
        self._bytes = 0

    def _drop(self, key):
        copy = self._copies.pop(key, None)
        if copy is not None:
            self._bytes -= copy.size

    def __len__(self):
        return len(self._copies)


copies = WorkerCopies()
