"""Wagtail hooks of the section's admin: styles and scripts, viewsets and the dashboard panel,
the autosaved new item, publishing without review, copies, the page chooser and the admin API."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from ..models import NewsIndexPage, NewsItemPage
from ..publication import PUBLISH_WITHOUT_REVIEW, record_publication_without_review
from .api import register_pages_endpoint
from .autosave import as_edit_of, page_created_by_form, remember_created_page
from .dashboard import my_agency_panel
from .news_copies import copy_news_as_drafts
from .news_item_listing import NewsItemListingViewSet
from .page_chooser import visible_pages
from .viewsets import CCHCViewSetGroup


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cchc_news/css/admin.css"))


@hooks.register("register_admin_viewset")
def register_cchc_viewsets():
    return CCHCViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_my_agency_panel(request, panels):
    panel = my_agency_panel(request.user)
    if panel is not None:
        panels.insert(0, panel)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(PUBLISH_WITHOUT_REVIEW)
    class PublishWithoutReview(LogFormatter):
        label = _("Publish without review")

        def format_message(self, log_entry):
            message = _("Published without review. Reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }
            failing = log_entry.data.get("failing_rules") or []
            if failing:
                rules = "; ".join(f"{r['label']} ({r['detail'].rstrip('.')})" for r in failing)
                message += " " + _("Rules not met at publication: %(rules)s.") % {"rules": rules}
            return message

        def format_comment(self, log_entry):
            return log_entry.data.get("reason", "")


def record_publication_reason(request, page):
    """After the editor's "Publish" of a news item with a reason (cchc_news.publication)."""
    if "action-publish" in request.POST and isinstance(page.specific, NewsItemPage):
        reason = request.POST.get("publication_reason", "")
        record_publication_without_review(page.specific, request.user, reason)


hooks.register("after_create_page", record_publication_reason)
hooks.register("after_edit_page", record_publication_reason)


@hooks.register("before_create_page")
def continue_with_the_autosaved_item(request, parent_page, page_class):
    """A post of a create form whose autosave already made the item edits that item."""
    if request.method != "POST" or not issubclass(page_class, NewsItemPage):
        return None


    item = page_created_by_form(request, parent_page, NewsItemPage)
    if item is None:
        return None
    data = as_edit_of(request.POST, item)
    if data is not request.POST and not request.accepts("text/html"):
        # A background save answers with field updates for the form as the server saw it;
        # rewritten, they would not match the browser's form. Pause the autosave instead
        # (Wagtail stops on "invalid_revision"): the editor's own save carries on below.
        return JsonResponse(
            {
                "success": False,
                "error_code": "invalid_revision",
                "error_message": gettext(
                    "This item was already saved in the background: save it to carry on."
                ),
            },
            status=400,
        )
    request.POST = data
    return EditView.as_view()(request, page_id=item.pk)


@hooks.register("after_create_page")
def remember_the_created_item(request, page):
    if isinstance(page.specific, NewsItemPage):
        remember_created_page(request, page)


@hooks.register("before_bulk_action")
def refuse_bulk_publication_of_news(request, action_type, objects, action_class_instance):
    """Bulk publishing would skip both review and the required reason."""
    if action_type == "publish" and any(isinstance(obj.specific, NewsItemPage) for obj in objects):
        messages.error(
            request,
            _(
                "News items cannot be published in bulk: open each item and publish it "
                "with a reason, or send it for review."
            ),
        )
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_explore_root")


@hooks.register("register_page_header_buttons")
def items_by_state_header_button(page, user, view_name, next_url=None):
    """From an agency's space in the explorer to its items filtered by review state."""
    index = page.specific_deferred
    if isinstance(index, NewsIndexPage) and index.agency_id:
        url = f"{reverse('news_items:index')}?{urlencode({'agency': index.agency_id})}"
        yield Button(_("Items by review state"), url, icon_name="list-ul", priority=7)


@hooks.register("insert_editor_js")
def vietnamese_slug_js():
    """Slugs typed from Vietnamese titles come out as on the server (see the script)."""
    return format_html('<script src="{}"></script>', static("cchc_news/js/vietnamese-slug.js"))


@hooks.register("register_admin_viewset")
def register_news_item_listing():
    return NewsItemListingViewSet()


# Copying (cchc_news.admin.news_copies): a copy of a news item is a draft that goes through review.


hooks.register("before_copy_page", copy_news_as_drafts)
hooks.register("construct_admin_api", register_pages_endpoint)


@hooks.register("construct_page_chooser_queryset")
def choose_among_visible_pages(pages, request):
    """Agency staff choose among live pages and their own agency's (admin.page_chooser)."""
    return visible_pages(pages, request.user)
