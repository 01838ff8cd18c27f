"""Admin hooks of the review's rules: who sees "cancel" and how the review menu reads.

Imported by workflows.wagtail_hooks. Thin: the rules are in workflows.cancellation and
workflows.review_actions.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, CancelWorkflowMenuItem, WorkflowMenuItem

from .cancellation import cancel_url, may_cancel
from .cancellation_views import urlpatterns as cancellation_urlpatterns
from .review_actions import APPROVE_WITH_COMMENT
from .scope import is_cchc_review


@hooks.register("register_admin_urls")
def register_cancellation_urls():
    return cancellation_urlpatterns


class CancelReviewMenuItem(ActionMenuItem):
    """A link to the confirmation page, where the reason is asked for."""

    label = _("Cancel the review…")
    name = "cchc-cancel-review"
    icon_name = "error"

    def get_url(self, context):
        return cancel_url(context["page"])


@hooks.register("construct_page_action_menu", order=100)
def cancel_only_with_a_reason(menu_items, request, context):
    """Wagtail's one-click "cancel" goes; the authors find "Cancel the review…" last.

    (Wagtail's "Restart workflow" is offered only to the authors already: it needs the right
    to submit, which a page under review does not give.)
    """
    page = context.get("page")
    if page is None or not is_cchc_review(page.current_workflow_state):
        return  # a host's other workflows keep Wagtail's own cancel
    menu_items[:] = [item for item in menu_items if not isinstance(item, CancelWorkflowMenuItem)]
    if may_cancel(page.current_workflow_state, request.user):
        menu_items.append(CancelReviewMenuItem(order=100000))


@hooks.register("construct_page_action_menu")
def approve_with_comment_like_approve(menu_items, request, context):
    """Wagtail dresses up only the action named "approve" (icon, "and Publish" at the end)."""
    page = context.get("page")
    reapproval = getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False)
    for item in menu_items:
        if isinstance(item, WorkflowMenuItem) and item.name == APPROVE_WITH_COMMENT:
            item.icon_name = "success"
            state = page.current_workflow_state
            if state and state.is_at_final_task and not reapproval:
                item.label = gettext("%(label)s and Publish") % {"label": item.label}


@hooks.register("before_edit_page")
def no_cancel_without_confirmation(request, page):
    """Wagtail's edit view cancels on a POST naming "action-cancel-workflow", for any
    reviewer and with no reason: such a request goes to the confirmation page instead."""
    if request.method != "POST" or not request.POST.get("action-cancel-workflow"):
        return None
    if not is_cchc_review(page.current_workflow_state):
        return None
    messages.warning(request, gettext("Give the reason for cancelling the review."))
    return redirect(cancel_url(page))


def changes_content(request, page):
    """Whether the editor's form posted in `request` changes `page` (its latest revision), as
    Wagtail's edit view decides before saving a revision; inline comments and the
    notification switch are no change of the content (see workflows.authorship)."""
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(
        request.POST,
        request.FILES,
        instance=page,
        parent_page=page.get_parent(),
        for_user=request.user,
    )
    if not form.is_valid():
        return False  # nothing is saved: Wagtail shows the form's errors
    changed = set(form.changed_data) - {"comment_notifications"}
    formsets = [formset for name, formset in form.formsets.items() if name != "comments"]
    return bool(changed) or any(formset.has_changed() for formset in formsets)


@hooks.register("before_edit_page")
def no_decision_on_own_changes(request, page):
    """A reviewer who changes the item and approves (or sends it back) in one save becomes
    one of its authors by that save: the changes are saved as a draft, the decision is not
    taken (the step would refuse it after the save), and the reviewer is told why."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if page.current_workflow_task is None or not is_cchc_review(page.current_workflow_state):
        return None
    if not changes_content(request, page):
        return None
    data = request.POST.copy()
    del data["action-workflow-action"]
    request.POST = data
    messages.warning(
        request,
        gettext(
            "Your changes are saved, but not your decision: you changed the item, so another "
            "reviewer decides on it."
        ),
    )
    return None
