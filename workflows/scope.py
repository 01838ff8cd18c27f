"""Where the CCHC review applies: to the workflows made of its own steps, nothing else.

The review's e-mails (workflows.notifications), its reminders and its rules replace Wagtail's
in a workflow that has one of the review's task types (AgencyHeadApprovalTask,
CCHCGroupApprovalTask: the workflow setup_cchc gives the CCHC section, or one an administrator
builds from them). Any other workflow of the host's keeps Wagtail's own e-mails and behaviour,
so installing the app changes nothing there.

Wagtail connects its workflow notifiers in wagtail.admin's ready(). Ours wraps each one under
the same dispatch_uid: Django keeps the first receiver connected under a uid, so whichever of
the two apps is ready first, Wagtail's notifiers are reached only through the wrapper, and the
order of INSTALLED_APPS does not matter.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import TaskState, WorkflowState, WorkflowTask
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .models import AgencyHeadApprovalTask, CCHCGroupApprovalTask


def review_workflows():
    """A query of the ids of the workflows that have one of the review's steps."""
    task_types = ContentType.objects.get_for_models(
        AgencyHeadApprovalTask, CCHCGroupApprovalTask
    ).values()
    return WorkflowTask.objects.filter(task__content_type__in=list(task_types)).values(
        "workflow_id"
    )


def is_cchc_review(state):
    """Whether a WorkflowState, or a TaskState of one, runs a workflow of the review's."""
    if state is None:
        return False
    workflow_state = state.workflow_state if isinstance(state, TaskState) else state
    return review_workflows().filter(workflow_id=workflow_state.workflow_id).exists()


def cchc_review_task_states(task_states):
    """`task_states` narrowed to those of the review's workflows."""
    return task_states.filter(workflow_state__workflow_id__in=review_workflows())


class OutsideTheReview:
    """One of Wagtail's workflow notifiers, silent in the review's workflows (ours e-mail)."""

    def __init__(self, notifier):
        self.notifier = notifier

    def __call__(self, sender, instance, **kwargs):
        if is_cchc_review(instance):
            return None
        return self.notifier(sender=sender, instance=instance, **kwargs)


def wagtail_notifiers():
    """(signal, sender, dispatch_uid, notifier) of Wagtail's workflow e-mails."""
    from wagtail.admin import signal_handlers as wagtail_handlers

    return [
        (
            task_submitted,
            TaskState,
            "group_approval_task_submitted_email_notification",
            wagtail_handlers.task_submission_email_notifier,
        ),
        (
            workflow_submitted,
            WorkflowState,
            "workflow_state_submitted_email_notification",
            wagtail_handlers.workflow_submission_email_notifier,
        ),
        (
            workflow_rejected,
            WorkflowState,
            "workflow_state_rejected_email_notification",
            wagtail_handlers.workflow_rejection_email_notifier,
        ),
        (
            workflow_approved,
            WorkflowState,
            "workflow_state_approved_email_notification",
            wagtail_handlers.workflow_approval_email_notifier,
        ),
    ]


def keep_wagtail_notifiers_for_other_workflows():
    """Wagtail's workflow e-mails in every workflow but the review's (WorkflowsConfig.ready)."""
    for signal, sender, dispatch_uid, notifier in wagtail_notifiers():
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        # weak=False: the wrapper has no other reference that would keep it alive.
        signal.connect(
            OutsideTheReview(notifier), sender=sender, dispatch_uid=dispatch_uid, weak=False
        )
