"""The bulletin's references to its items, read from the ids its entries store.

Wagtail's reference index walks a StreamField through its Python values: for a bulletin
that loads every item page it lists (a page chooser's `bulk_to_python`), 10,000 pages at
an assembly, to write rows that need only their ids. The stored entries hold those ids.
"""

from wagtail import blocks

from cchc_news.models import NewsItemPage


class BulletinEntriesBlock(blocks.StreamBlock):
    """The entries' stream: as Wagtail's, but its references come from the stored ids.

    The rows are the ones Wagtail writes (same paths; an id whose page no longer exists is
    left out, as the chooser's value is then None), with one query whatever the count.
    """

    def extract_references(self, value):
        entries = list(_stored_entries(value))
        item_ids = {item_id for _entry_id, item_id in entries}
        existing = set(
            NewsItemPage.objects.filter(pk__in=item_ids).order_by().values_list("pk", flat=True)
        )
        for entry_id, item_id in entries:
            if item_id in existing:
                yield NewsItemPage, str(item_id), "entry.item", f"{entry_id}.item"


def _stored_entries(value):
    """(entry id, item id) of each entry, without turning stored entries into Python values."""
    # An entry already turned into a Python value (or set from Python) may have been changed
    # since it was loaded: its value wins, as it does when the stream is saved.
    for index, bound in enumerate(value._bound_blocks):
        if bound is not None:
            item = bound.value.get("item") if bound.block_type == "entry" else None
            if item is not None:
                yield bound.id, item.pk
            continue
        stored = value._raw_data[index]
        item_id = (stored.get("value") or {}).get("item") if stored.get("type") == "entry" else None
        if item_id:
            yield stored.get("id"), item_id
