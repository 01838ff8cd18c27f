"""Cancelling a review ("Hủy quy trình duyệt"): by the item's authors, with a reason.

Wagtail lets anyone who may approve the current step cancel the whole review in one click,
and tells nobody. Here the review is the authors' request: its owner and its submitter may
withdraw it (and administrators may, to clear what nobody else can); reviewers decide with
"Approve" or "Request changes", which both leave their decision and comment on record. A
cancellation states its reason: it is kept with Wagtail's own "workflow cancelled" entry of
the item's history (as that entry's comment, which the history shows) and e-mailed to the
authors other than the canceller.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, WorkflowState

from .notifications import notify

CANCEL_LOG_ACTION = "wagtail.workflow.cancel"


def may_cancel(workflow_state, user):
    """Whether `user` may cancel (or restart) the review `workflow_state`."""
    if workflow_state is None or not workflow_state.is_active or not user.is_active:
        return False
    item = workflow_state.content_object
    if getattr(item, "locked", False) and item.locked_by_id != user.pk:
        return False  # as in Wagtail: a page locked by someone else is theirs to release
    return user.is_superuser or user.pk in {item.owner_id, workflow_state.requested_by_id}


def clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Give the reason for cancelling: the author is told it."), code="reason_required"
        )
    return reason


@transaction.atomic
def cancel_review(item, user, reason):
    """Cancel the review of `item` as `user` for `reason`; returns the history entry.

    Raises ValidationError for an empty reason, PermissionDenied if `user` may not cancel
    it or it is not under review (any more).
    """
    reason = clean_reason(reason)
    workflow_state = WorkflowState.objects.active().for_instance(item).select_for_update().first()
    if not may_cancel(workflow_state, user):
        raise PermissionDenied
    workflow_state.cancel(user=user)
    entry = (
        PageLogEntry.objects.filter(page_id=item.pk, action=CANCEL_LOG_ACTION)
        .order_by("-timestamp", "-pk")
        .first()
    )
    entry.data["comment"] = reason
    entry.save(update_fields=["data"])
    notify("review_cancelled", workflow_state_id=workflow_state.pk, log_entry_id=entry.pk)
    return entry


def cancel_url(item):
    return reverse("cchc_workflows_cancel_review", args=(item.pk,))
