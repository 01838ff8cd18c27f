"""Which documents the access rule of cchc_news.public.document_access governs.

Visitors download an item's file only once a live, public page uses it. For the CCHC files
that is the point (an agency's draft attachment stays private); for the rest of a host's
library it would hide every file that no page links to (a file linked from a snippet, a form
or another site). So by default the rule governs the CCHC collections only, the section's
collection and the agencies' under it, and every other document is served as Wagtail serves
it; CCHC_DOCUMENT_ACCESS = "all" extends it to every document (the portal does).
"""

from wagtail.models import Collection

from .. import conf

SECTION, ALL = "section", "all"  # the values of CCHC_DOCUMENT_ACCESS


def cchc_collection_paths():
    """Paths of the collections that hold the agencies' collections (the section's)."""
    from ..models import Agency

    paths = Agency.objects.exclude(collection=None).values_list("collection__path", flat=True)
    return {path[: -Collection.steplen] for path in paths}


def is_governed(document):
    """Whether `document` is served only under cchc_news.public.document_access's rule."""
    if conf.get("CCHC_DOCUMENT_ACCESS") == ALL:
        return True
    path = document.collection.path
    return any(path.startswith(prefix) for prefix in cchc_collection_paths())
