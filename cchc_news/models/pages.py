"""What the section's page models share: Vietnamese slugs made from titles, the view
restrictions read in one query, and the pagination of their listings."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q, prefetch_related_objects
from django.db.models.functions import Coalesce
from wagtail.models import Page, PageViewRestriction

from ..forms import CCHCPageForm
from ..generation_cache import cached_by_generation
from ..query_parameters import declare_query
from ..slugs import unique_child_slug

ITEMS_PER_PAGE = 12


class VietnameseSlugMixin:
    """Generates readable ASCII slugs from Vietnamese titles when none is given."""

    base_form_class = CCHCPageForm

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.title and self.path:
            self.slug = unique_child_slug(self.get_parent(), self.title, exclude_pk=self.pk)
        super().full_clean(*args, **kwargs)


class ViewRestrictionsInOneQueryMixin:
    """Wagtail's check before serving a page (every uncached view) reads the page's ancestors,
    then the restrictions on them: here one query does both, with the same answer."""

    def get_view_restrictions(self):
        if restricted_pages() == []:
            # No restriction anywhere (the usual public portal): none to read for this page.
            return PageViewRestriction.objects.none()
        # As Wagtail's: this page and its ancestors, each alias standing for its source (an
        # alias's `alias_of` is always an original page: Wagtail never points one at an alias).
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        pages_to_check = (
            Page.objects.filter(path__in=paths)
            .annotate(checked_id=Coalesce("alias_of_id", "id"))
            .values("checked_id")
        )
        return PageViewRestriction.objects.filter(page_id__in=pages_to_check)


PRIVATE_PAGES_ATTR = "_cchc_private_pages_q"


def restricted_pages(request=None):
    """(path, depth) of each page with a view restriction, read once per generation of public
    content (a restriction's change moves it on: cchc_news.public.page_cache.public_models;
    a transaction that changed content neither reads nor keeps it: cached_by_generation)."""
    return cached_by_generation(
        "restricted-pages",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
        request,
    )


def private_pages_q(queryset, request=None):
    """Wagtail's private_q(): the restricted pages and their descendants, by `path` and
    `depth`, which every page model has (one Q serves them all)."""
    restricted = restricted_pages(request)
    private = Q()
    for path, depth in restricted:
        private |= Q(path__startswith=path) & Q(depth__gte=depth)
    return private or Q(pk__in=[])  # as Wagtail's: no private section matches no page


def public_pages(queryset, request=None):
    """`queryset.public()`, with the view restrictions read once per request (Wagtail's reads
    every restriction at each call, four times on the section home) and once per generation
    of public content."""
    return queryset.exclude(private_pages(request))


def private_pages(request=None):
    """private_pages_q(), kept on `request`: what public_pages() excludes."""
    private = getattr(request, PRIVATE_PAGES_ATTR, None)
    if private is None:
        private = private_pages_q(None, request)
        if request is not None:
            setattr(request, PRIVATE_PAGES_ATTR, private)
    return private


def breadcrumb_trail(page):
    """The page's ancestors below the tree's root, its site's home first.

    Without a query when Wagtail routed the request to the page through all of them: its
    route keeps each page's parent on it (`_cached_parent_obj`, which get_parent() reads).
    """
    trail = []
    ancestor = getattr(page, "_cached_parent_obj", None)
    while ancestor is not None and ancestor.depth > 1:
        trail.append(ancestor)
        if ancestor.depth == 2:
            return trail[::-1]
        ancestor = getattr(ancestor, "_cached_parent_obj", None)
    return list(page.get_ancestors()[1:])


def paginate(request, queryset, per_page=ITEMS_PER_PAGE, count=None):
    """The requested page of `queryset` (the first for a malformed number, the last for one
    past the end), declared to the page cache as `page`, absent for the first.

    `count`, if given, is the number of objects in `queryset` (counted before, or kept).
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this is its value
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    declare_query(request, page=page.number if page.number > 1 else None)
    return page


def paginate_cards(request, queryset, name, count=None):
    """paginate() for a listing of news item cards, read once per generation of public
    content under `name`: the count (unless given) and the requested page's items. Their cover
    renditions, made when first shown (which moves no generation), are read on each view, in
    one query, as the section home's (CCHCSectionPage.home_context)."""
    if count is None:
        count = cached_by_generation(f"{name}:count", queryset.count, request)
    page = paginate(request, queryset, count=count)
    objects = page.object_list
    page.object_list = cached_by_generation(
        f"{name}:page-{page.number}", lambda: list(objects), request
    )
    prefetch_related_objects(page.object_list, "cover_image__renditions")
    return page
