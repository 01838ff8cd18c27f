from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import LogFormatter, log

from .dashboard import my_agency_panel
from .models import NewsItemPage
from .schedule import cutoff_message
from .viewsets import CCHCViewSetGroup

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


class CutoffSubmitMenuItem(SubmitForModerationMenuItem):
    """ "Submit" also says by when approval puts the item in this week's bulletin."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = f"{context['label']} ({cutoff_message()})"
        return context


@hooks.register("construct_page_action_menu")
def show_cutoff_on_submit(menu_items, request, context):
    for position, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[position] = CutoffSubmitMenuItem(order=item.order)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(PUBLISH_WITHOUT_REVIEW)
    class PublishWithoutReview(LogFormatter):
        label = _("Publish without review")

        def format_message(self, log_entry):
            return _("Published without review. Reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

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
        log(page, PUBLISH_WITHOUT_REVIEW, user=request.user, data={"reason": reason})


hooks.register("after_create_page", record_publication_reason)
hooks.register("after_edit_page", record_publication_reason)


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
