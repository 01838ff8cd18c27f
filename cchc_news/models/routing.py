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


class NoSuchChild(Exception):
    pass


def specific_child(parent, slug, request=None):
    """The child of `parent` with `slug` as its specific page (in one query when its type is
    joined in), or None. Read once per generation of public content (a page's row is public
    content: a draft is not); a slug that names no child is not kept, as a visitor could type
    any number of them."""

    def read():
        links = joined_child_types(type(parent))
        child = parent.get_children().filter(slug=slug).select_related(*links.values()).first()
        if child is None:
            raise NoSuchChild
        accessor = links.get(child.specific_class)
        return getattr(child, accessor) if accessor else child.specific

    try:
        specific = cached_by_generation(f"child:{parent.pk}:{slug}", read, request)
    except NoSuchChild:
        return None
    specific._cached_parent_obj = parent  # as Wagtail's route does: get_parent() reads it
    return specific


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
