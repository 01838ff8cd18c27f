from django.db.models.signals import post_save
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_approved,
    task_rejected,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from cchc_news.models import NewsItemPage
from cchc_news.scheduler import scheduled_job
from cchc_news.signals import scheduler_tick, section_ready

from . import escalation, reminders
from .authorship import mark_unchanged_edit
from .notifications import notify


def set_up_moderation(sender, section, **kwargs):
    from .setup import set_up_moderation as run

    return run(section)


def on_task_submitted(sender, instance, user=None, **kwargs):
    notify("review_requested", task_state_id=instance.pk, actor_id=getattr(user, "pk", None))
    escalation.on_step_started(instance)  # nobody can review it: the office hears at once


def on_task_approved(sender, instance, user=None, **kwargs):
    notify("task_approved", task_state_id=instance.pk, actor_id=getattr(user, "pk", None))


def on_task_rejected(sender, instance, user=None, **kwargs):
    notify("task_rejected", task_state_id=instance.pk, actor_id=getattr(user, "pk", None))


def on_item_published(sender, instance, **kwargs):
    if instance.first_published_at == instance.last_published_at:  # first publication only
        notify("published", page_id=instance.pk)


@scheduled_job(reminders.REMINDERS_JOB)
def send_due_reminders(now):
    """The scheduler's tick: today's reminders about items waiting too long, once a day, and the
    CCHC office's alerts (steps nobody can review, reminders unanswered): how many were sent."""
    return reminders.queue_reminders(now) + escalation.alert_office(now)


# Wagtail's notifiers send inside the transaction and miss events (see notifications).
WAGTAIL_NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]


def register():
    section_ready.connect(set_up_moderation, dispatch_uid="workflows.set_up_moderation")
    scheduler_tick.connect(send_due_reminders, dispatch_uid="workflows.tick.reminders")
    for signal, sender, dispatch_uid in WAGTAIL_NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
    task_submitted.connect(on_task_submitted, dispatch_uid="workflows.notify_submitted")
    task_approved.connect(on_task_approved, dispatch_uid="workflows.notify_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="workflows.notify_rejected")
    page_published.connect(
        on_item_published, sender=NewsItemPage, dispatch_uid="workflows.notify_published"
    )
    post_save.connect(
        mark_unchanged_edit, sender=PageLogEntry, dispatch_uid="workflows.unchanged_edit"
    )
