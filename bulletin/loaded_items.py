"""Items an assembly has just loaded, lent to what runs inside its publication.

Publishing an assembled bulletin builds its delivery payload (`sections()`, in a
`page_published` receiver), which would load every item again, 10,000 pages at the worst,
in the same transaction that has just loaded them as live and public. The assembly lends them
for the length of the publication; `sections()` takes them when they are all it needs.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_lent = ContextVar("bulletin_loaded_items", default=None)


@contextmanager
def lend_items(items):
    """Within the block, `lent_items` finds these items (live, public, loaded with their
    topic, agency and original file) by id."""
    token = _lent.set({item.pk: item for item in items})
    try:
        yield
    finally:
        _lent.reset(token)


def lent_items(item_ids):
    """{id: item} for `item_ids` if every one of them was lent, else None (load them)."""
    lent = _lent.get()
    if lent is None or not all(item_id in lent for item_id in item_ids):
        return None
    return {item_id: lent[item_id] for item_id in item_ids}
