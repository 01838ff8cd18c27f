from django.db.models.signals import post_save
from wagtail.models import PageLogEntry
from wagtail.signals import page_published, task_approved, task_rejected, task_submitted

from cchc_news.models import NewsItemPage
from cchc_news.scheduler import scheduled_job
from cchc_news.signals import scheduler_tick, section_ready

from . import escalation, reminders
from .authorship import mark_unchanged_edit
from .notifications import notify
from .scope import is_cchc_review, keep_wagtail_notifiers_for_other_workflows


def set_up_moderation(sender, section, **kwargs):
    from .setup import set_up_moderation as run

    return run(section)


# The review's e-mails are its workflows'; Wagtail's own serve the host's others (scope).


def on_task_submitted(sender, instance, user=None, **kwargs):
    if not is_cchc_review(instance):
        return
    notify("review_requested", task_state_id=instance.pk, actor_id=getattr(user, "pk", None))
    escalation.on_step_started(instance)  # nobody can review it: the office hears at once


def on_task_approved(sender, instance, user=None, **kwargs):
    if not is_cchc_review(instance):
        return
    notify("task_approved", task_state_id=instance.pk, actor_id=getattr(user, "pk", None))


def on_task_rejected(sender, instance, user=None, **kwargs):
    if not is_cchc_review(instance):
        return
    notify("task_rejected", task_state_id=instance.pk, actor_id=getattr(user, "pk", None))


def on_item_published(sender, instance, **kwargs):
    if instance.first_published_at == instance.last_published_at:  # first publication only
        notify("published", page_id=instance.pk)


@scheduled_job(reminders.REMINDERS_JOB)
def send_due_reminders(now):
    """The scheduler's tick: today's reminders about items waiting too long, once a day, and the
    CCHC office's alerts (steps nobody can review, reminders unanswered): how many were sent."""
    return reminders.queue_reminders(now) + escalation.alert_office(now)


def register():
    section_ready.connect(set_up_moderation, dispatch_uid="workflows.set_up_moderation")
    scheduler_tick.connect(send_due_reminders, dispatch_uid="workflows.tick.reminders")
    # Wagtail's notifiers send inside the transaction and miss events (see notifications):
    # silent in the review's workflows, which ours e-mail.
    keep_wagtail_notifiers_for_other_workflows()
    task_submitted.connect(on_task_submitted, dispatch_uid="workflows.notify_submitted")
    task_approved.connect(on_task_approved, dispatch_uid="workflows.notify_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="workflows.notify_rejected")
    page_published.connect(
        on_item_published, sender=NewsItemPage, dispatch_uid="workflows.notify_published"
    )
    post_save.connect(
        mark_unchanged_edit, sender=PageLogEntry, dispatch_uid="workflows.unchanged_edit"
    )
