"""Items sent back for changes: who sent them back, when, at which step, and why.

Wagtail keeps all of it on the item's workflow state: rejecting a task ("Request changes") sets
the WorkflowState to ``needs_changes`` and leaves its ``current_task_state`` on the rejected
TaskState, whose ``finished_by``, ``finished_at`` and ``comment`` say who, when and why, and
whose ``task`` is the step. Resubmitting resumes the workflow (the state is in progress again,
on a new task state) and cancelling or publishing ends it, so whatever reads the sent-back
notice through ``sent_back_notice()`` stops showing it at once: nothing is stored twice.
"""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import WorkflowState


@dataclass(frozen=True)
class SentBack:
    by: object  # the reviewer (a user), or None if their account was deleted
    at: datetime
    step: str
    comment: str


def sent_back_notice(workflow_state):
    """The SentBack of an active workflow state that needs changes, else None.

    Reads ``current_task_state``, its ``task`` and ``finished_by``: select them with the state
    (``STATE_RELATED``) to list many items at a fixed number of queries.
    """
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None:
        return None
    return SentBack(
        by=task_state.finished_by,
        at=task_state.finished_at,
        step=task_state.task.name,
        comment=task_state.comment,
    )


# What sent_back_notice() reads from a workflow state, for select_related().
STATE_RELATED = ("current_task_state__task", "current_task_state__finished_by")


def is_sent_back(page):
    """Whether the page's workflow waits for its author's changes (uses prefetched states)."""
    state = page.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
