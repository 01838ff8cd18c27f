"""Wagtail's routing through a page's children in one query per level instead of two.

Wagtail's Page.route reads the child by its slug as a bare Page, then reads it again as its
specific page (`.specific`): two queries per level of the URL, on every uncached view. The
mixin here reads the child with the rows of its possible specific types joined in (the
reverse parent links of the page types allowed under this one), so that the specific page
comes with the bare one. A child of any other type (a subclass of one of them, say) is read
as Wagtail reads it. Everything else is Wagtail's: 404 for an unknown slug, the child's own
route() for the rest of the path, the parent kept on the child for get_parent().
"""

from functools import cache

from django.http import Http404
from wagtail.models import Page

from ..generation_cache import cached_by_generation

# Set on an anonymous visitor's GET (cchc_news.public.route_cache): its children are read once
# per generation of public content. Not for signed-in users: a draft's save changes a page's
# row (draft title, latest revision, lock) without moving the generation on, and the admin's
# shortcuts on the page read those.
CACHED_ROUTING_ATTR = "_cchc_cached_routing"


@cache
def joined_child_types(parent_class):
    """{page model: reverse accessor of its parent link} of the page types allowed under
    `parent_class` whose own row joins the Page row directly (direct subclasses of Page)."""
    found = {}
    for model in parent_class.allowed_subpage_models():
        link = model._meta.parents.get(Page)
        if link is not None and len(model._meta.parents) == 1:
            found[model] = link.remote_field.get_accessor_name()
    return found


def routed_page(request, key, read):
    """read(): a page the request's URL names, or None. For an anonymous visitor's GET
    (CACHED_ROUTING_ATTR), read once per generation of public content under `key`; None is not
    kept: unknown slugs are the visitor's to invent."""
    if not getattr(request, CACHED_ROUTING_ATTR, False):
        return read()
    return cached_by_generation(key, read, request, keep=lambda page: page is not None)


def specific_child(parent, slug, request=None):
    """The child of `parent` with `slug` as its specific page (in one query when its type is
    joined in, none when cached for the generation), or None."""
    key = f"route-child:{parent.pk}:{slug}"
    specific = routed_page(request, key, lambda: read_specific_child(parent, slug))
    if specific is not None:
        specific._cached_parent_obj = parent  # as Wagtail's route does: get_parent() reads it
    return specific


def read_specific_child(parent, slug):
    links = joined_child_types(type(parent))
    child = parent.get_children().filter(slug=slug).select_related(*links.values()).first()
    if child is None:
        return None
    accessor = links.get(child.specific_class)
    return getattr(child, accessor) if accessor else child.specific


class OneQueryChildRoutingMixin:
    """Routes to a child as Wagtail's Page.route does, reading it in one query (see above).

    Place it after RoutablePageMixin in the bases, so that a page's own routes come first."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child = specific_child(self, path_components[0], request)
        if child is None:
            raise Http404
        return child.route(request, path_components[1:])
