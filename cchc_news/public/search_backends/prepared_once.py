"""Each search field of an object prepared once per indexing, whatever reads it.

modelsearch's indexers build every indexed column (title, body, autocomplete and, on
PostgreSQL, their plain-text copies) by walking all the search fields again, so a field
computed by a method (a bulletin's `contents_for_search`, one query and its entries' text)
ran once per column.
"""


class PreparedOnceMixin:
    """For ObjectIndexer subclasses: the object's own fields prepared once, then reused."""

    def prepare_field(self, obj, field):
        if obj is not self.obj:  # a related object's field: as upstream
            return super().prepare_field(obj, field)
        prepared = self.__dict__.setdefault("_prepared_fields", {})
        if id(field) not in prepared:
            prepared[id(field)] = list(super().prepare_field(obj, field))
        return iter(prepared[id(field)])
