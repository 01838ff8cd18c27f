from urllib.parse import urlsplit

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
from wagtail.admin.action_menu import (
    ActionMenuItem,
    SubmitForModerationMenuItem,
    UnpublishMenuItem,
)
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter, log

from .admin_api import register_pages_endpoint
from .checklist import failed_rules
from .checklist_editor import editor_failed_rules
from .dashboard import my_agency_panel
from .document_access import hide_unpublished_document
from .models import NewsIndexPage, NewsItemPage
from .news_copies import copy_news_as_drafts
from .page_chooser import visible_pages
from .viewsets import CCHCViewSetGroup
from .withdrawal import WITHDRAW_ACTION, is_news_item, takes_news_down
from .withdrawal_views import urlpatterns as withdrawal_urlpatterns
from .withdrawal_views import withdraw_url

PUBLISH_WITHOUT_REVIEW = "cchc_news.publish_without_review"


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


class ShortSubmitMenuItem(SubmitForModerationMenuItem):
    """ "Gửi duyệt" ("Gửi duyệt lại" after changes were requested), without the workflow's
    name; the week's cut-off is shown beside the footer's buttons, not in this label."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page is not None and page.pk else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit for review")
        else:
            context["label"] = _("Submit for review")
        return context


@hooks.register("construct_page_action_menu")
def submit_first_when_the_checklist_passes(menu_items, request, context):
    """A news item's "Submit" is the footer's main button once its checklist passes.

    Wagtail makes the first item the main one ("Save draft"). The checklist is that of the
    item as the editor opened it (its latest revision), or as posted when the form comes
    back with errors; the page renders again after each save, so the main button follows.
    """
    page = context.get("page")
    if page is None and not isinstance(context.get("parent_page"), NewsIndexPage):
        return
    if page is not None and not is_news_item(page):
        return
    for position, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[position] = ShortSubmitMenuItem(order=item.order)
    if page is None:
        return  # a new item: nothing typed yet, the checklist cannot pass
    submit = next((i for i in menu_items if isinstance(i, ShortSubmitMenuItem)), None)
    if submit is not None and not editor_failed_rules(request, page):
        menu_items.remove(submit)
        menu_items.insert(0, submit)


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
    reason = request.POST.get("publication_reason", "").strip()
    if not reason or "action-publish" not in request.POST:
        return
    # Wagtail publishes only for users who may publish; for anyone else "publish" just saves
    # a draft, and the history must not say that the item was published without review.
    can_publish = page.permissions_for_user(request.user).can_publish()
    if isinstance(page.specific, NewsItemPage) and can_publish:
        # The form refused the publication unless these were acknowledged (NewsItemPageForm).
        failing = [
            {"code": rule.code, "label": str(rule.label), "detail": str(rule.detail)}
            for rule in failed_rules(page.specific)
        ]
        data = {"reason": reason, "failing_rules": failing}
        log(page, PUBLISH_WITHOUT_REVIEW, user=request.user, data=data)


hooks.register("after_create_page", record_publication_reason)
hooks.register("after_edit_page", record_publication_reason)


@hooks.register("before_create_page")
def continue_with_the_autosaved_item(request, parent_page, page_class):
    """A post of a create form whose autosave already made the item edits that item."""
    if request.method != "POST" or not issubclass(page_class, NewsItemPage):
        return None
    from wagtail.admin.views.pages.edit import EditView

    from .autosave import as_edit_of, page_created_by_form

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
    from .autosave import remember_created_page

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


# Visitors download only the files of live, public pages (see cchc_news.document_access).
hooks.register("before_serve_document", hide_unpublished_document)


# Word (.docx) import: a new draft under an agency's index, or a draft's content replaced.


@hooks.register("register_admin_urls")
def register_checklist_urls():
    """The item editor re-runs the checklist on its unsaved form (cchc_news.checklist_views)."""
    from .checklist_views import urlpatterns

    return urlpatterns


@hooks.register("register_admin_urls")
def register_word_import_urls():
    from .word_import_views import urlpatterns

    return urlpatterns


def word_import_button(page, user, button_class, priority):
    """The "Import from a Word file" button of an agency index the user may add to."""
    from .word_import_actions import can_import_into
    from .word_import_views import import_url

    index = page.specific_deferred
    if isinstance(index, NewsIndexPage) and can_import_into(index, user):
        yield button_class(
            _("Import from a Word file"), import_url(index), icon_name="doc-full", priority=priority
        )


def word_replace_button(page, user, button_class, priority):
    """The "Replace the content from a Word file" button of a draft the user may edit."""
    from .word_import_views import replace_url

    item = page.specific_deferred
    if (
        isinstance(item, NewsItemPage)
        and not page.live
        and page.permissions_for_user(user).can_edit()
    ):
        yield button_class(
            _("Replace the content from a Word file"),
            replace_url(item),
            icon_name="doc-full",
            priority=priority,
        )


@hooks.register("register_page_listing_buttons")
def word_import_listing_buttons(page, user, next_url=None):
    yield from word_import_button(page, user, ListingButton, 6)


@hooks.register("register_page_listing_more_buttons")
def word_replace_listing_buttons(page, user, next_url=None):
    yield from word_replace_button(page, user, Button, 25)


@hooks.register("register_page_header_buttons")
def word_import_header_buttons(page, user, view_name, next_url=None):
    yield from word_import_button(page, user, Button, 6)
    yield from word_replace_button(page, user, Button, 6)


@hooks.register("register_page_header_buttons")
def items_by_state_header_button(page, user, view_name, next_url=None):
    """From an agency's space in the explorer to its items filtered by review state."""
    index = page.specific_deferred
    if isinstance(index, NewsIndexPage) and index.agency_id:
        url = f"{reverse('news_items:index')}?{urlencode({'agency': index.agency_id})}"
        yield Button(_("Items by review state"), url, icon_name="list-ul", priority=7)


@hooks.register("register_log_actions")
def register_word_import_log_action(actions):
    from .word_import_actions import WORD_IMPORT_ACTION

    @actions.register_action(WORD_IMPORT_ACTION)
    class WordImport(LogFormatter):
        label = _("Import from a Word file")

        def format_message(self, log_entry):
            values = {"file": log_entry.data.get("file", "")}
            if log_entry.data.get("replaced"):
                return _("Content replaced from the Word file “%(file)s”") % values
            return _("Created from the Word file “%(file)s”") % values


@hooks.register("insert_editor_js")
def vietnamese_slug_js():
    """Slugs typed from Vietnamese titles come out as on the server (see the script)."""
    return format_html('<script src="{}"></script>', static("cchc_news/js/vietnamese-slug.js"))


@hooks.register("register_admin_viewset")
def register_news_item_listing():
    from .news_item_listing import NewsItemListingViewSet

    return NewsItemListingViewSet()


# Withdrawal ("Gỡ tin", cchc_news.withdrawal): a news item is taken down with a reason that
# visitors read at its address. Wagtail's own ways to unpublish one lead there instead.


@hooks.register("register_admin_urls")
def register_withdrawal_urls():
    return withdrawal_urlpatterns


class WithdrawMenuItem(ActionMenuItem):
    label = _("Withdraw")
    name = "action-withdraw"
    icon_name = "download"

    def get_url(self, context):
        return withdraw_url(context["page"])


@hooks.register("construct_page_action_menu")
def withdraw_instead_of_unpublish(menu_items, request, context):
    """The editor's "Unpublish" (shown to whoever may unpublish) becomes "Withdraw"."""
    page = context.get("page")
    if page is None or not is_news_item(page):
        return
    for position, item in enumerate(menu_items):
        if isinstance(item, UnpublishMenuItem):
            menu_items[position] = WithdrawMenuItem(order=item.order)


def withdraw_button_like(button, page):
    """A "Withdraw" button in the place of Wagtail's "Unpublish" one, keeping its `next`."""
    query = urlsplit(button.url).query
    url = withdraw_url(page) + (f"?{query}" if query else "")
    return type(button)(_("Withdraw"), url, icon_name="download", priority=button.priority)


@hooks.register("construct_page_listing_buttons")
def withdraw_in_page_listing(buttons, page, user, context=None):
    """The explorer's "Unpublish" of a news item (in its "more" dropdown) becomes "Withdraw"."""
    if not is_news_item(page):
        return
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=(page.pk,))
    for group in [buttons] + [b.dropdown_buttons for b in buttons if hasattr(b, "hook_name")]:
        for position, button in enumerate(group):
            if urlsplit(button.url or "").path == unpublish_url:
                group[position] = withdraw_button_like(button, page)


@hooks.register("register_page_header_buttons")
def withdraw_header_button(page, user, view_name, next_url=None):
    """Wagtail 7.4 has no hook to change the header's own "Unpublish" item: it stays, and
    leads to the withdrawal through `redirect_unpublish_to_withdrawal`."""
    if is_news_item(page) and page.permissions_for_user(user).can_unpublish():
        yield Button(_("Withdraw"), withdraw_url(page, next_url), icon_name="download", priority=59)


@hooks.register("before_unpublish_page")
def redirect_unpublish_to_withdrawal(request, page):
    """Wagtail's unpublish URL: a news item goes to the withdrawal form; a page whose
    descendants would take live news items down with it is refused."""
    if is_news_item(page):
        messages.info(request, _("A news item is withdrawn with a reason that visitors read."))
        return redirect(withdraw_url(page, get_valid_next_url_from_request(request)))
    if takes_news_down([page], include_descendants=bool(request.POST.get("include_descendants"))):
        messages.error(request, NEWS_UNDER_PAGE_MESSAGE)
        return redirect("wagtailadmin_pages:unpublish", page.pk)


NEWS_UNDER_PAGE_MESSAGE = _(
    "Live news items are under this page: withdraw each of them with a reason first, or "
    "unpublish this page without its subpages."
)


@hooks.register("before_bulk_action")
def refuse_bulk_unpublishing_of_news(request, action_type, objects, action_class_instance):
    """Bulk unpublishing would take news items down without a reason or a notice."""
    if action_type != "unpublish":
        return None
    form = getattr(action_class_instance, "cleaned_form", None)
    include_descendants = bool(form and form.cleaned_data.get("include_descendants"))
    if not takes_news_down(objects, include_descendants):
        return None
    messages.error(
        request,
        _(
            "News items cannot be unpublished in bulk: withdraw each item with a reason "
            "(“Withdraw” in its menu)."
        ),
    )
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_explore_root")


@hooks.register("register_log_actions")
def register_withdrawal_log_action(actions):
    @actions.register_action(WITHDRAW_ACTION)
    class Withdraw(LogFormatter):
        label = _("Withdraw")

        def format_message(self, log_entry):
            return _("Withdrawn from the portal. Reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }


# Copying (cchc_news.news_copies): a copy of a news item is a draft that goes through review.

hooks.register("before_copy_page", copy_news_as_drafts)
hooks.register("construct_admin_api", register_pages_endpoint)


@hooks.register("construct_page_chooser_queryset")
def choose_among_visible_pages(pages, request):
    """Agency staff choose among live pages and their own agency's (cchc_news.page_chooser)."""
    return visible_pages(pages, request.user)
