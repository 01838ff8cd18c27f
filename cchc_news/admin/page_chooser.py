"""Which pages the admin's page chooser offers: live pages, and those the user works on.

A user sees every live page, and the pages (drafts included) under the pages where one of their
groups holds a page permission: an agency's editors and heads their agency's news space, the
CCHC office and the leadership the whole section. Superusers see every page. So an agency never
reads another agency's draft titles or review states while choosing a page to link to.

Wagtail's browse and search views filter through `construct_page_chooser_queryset`
(`visible_pages`); two of its chooser views do not call that hook, and
`PageChooserVisibilityMiddleware` guards them: browsing into a page the user may not see is
"not found", and the "chosen pages" answer leaves such pages out.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

BROWSE_INTO = "wagtailadmin_choose_page_child"
CHOSEN_PAGES = "wagtailadmin_choose_page_chosen_multiple"


def permission_roots(user):
    """The paths of the pages where the user's groups hold a page permission."""
    permissions = PagePermissionPolicy().get_cached_permissions_for_user(user)  # cached per user
    return {permission.page.path for permission in permissions}


def visible_pages(pages, user):
    """`pages` narrowed to those `user` may see in a chooser."""
    if user.is_active and user.is_superuser:
        return pages
    visible = Q(live=True)
    if user.is_active:
        for path in permission_roots(user):
            visible |= Q(path__startswith=path)
    return pages.filter(visible)


def may_see(page, user):
    if page.live or (user.is_active and user.is_superuser):
        return True
    return user.is_active and any(page.path.startswith(path) for path in permission_roots(user))


def hide_unseen_parent(request, parent_page_id):
    page = Page.objects.filter(pk=parent_page_id).only("path", "live").first()
    if page is not None and not may_see(page, request.user):
        raise Http404


def without_unseen_ids(request):
    """The request's query string without the ids of pages the user may not see."""
    query = request.GET.copy()
    asked = Page.objects.filter(pk__in=[pk for pk in query.getlist("id") if pk.isdigit()])
    seen = visible_pages(asked, request.user).values_list("pk", flat=True)
    query.setlist("id", [str(pk) for pk in seen])
    return query


class PageChooserVisibilityMiddleware:
    """Guards the page chooser views that Wagtail's chooser hook does not reach."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        url_name = match.url_name if match else None
        if url_name == BROWSE_INTO:
            hide_unseen_parent(request, view_kwargs["parent_page_id"])
        elif url_name == CHOSEN_PAGES:
            request.GET = without_unseen_ids(request)
        return None
