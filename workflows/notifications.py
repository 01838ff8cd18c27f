"""E-mail notifications of the review workflow.

Replaces Wagtail's workflow notifiers, which only know GroupApprovalTask, send inside
the request's transaction, drop "approve with comment" comments and never tell earlier
reviewers that a later stage sent the item back. Here every event is written, by ids, to the
e-mail outbox (cchc_news.outbox) in the action's transaction; after the commit its e-mails are
written (build_event: to whom, in each one's language, as things then stand) and sent from
the database, by a Celery task or, with the broker down, by the scheduler's tick. A rolled-back
action e-mails nobody; a failure to queue or to send never breaks the moderation action, and
an e-mail the SMTP server refused is tried again.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from cchc_news.links import absolute_url
from cchc_news.outbox import storage as outbox
from cchc_news.signals import notifications_are_muted

from . import stand_in
from .models import ReminderSent

logger = logging.getLogger(__name__)

BUILDER = "workflows.notifications.build_event"  # called by the outbox, by name

# Which UserProfile switch ("<name>_notifications") lets a user opt out of an event.
PREFERENCE = {
    "review_requested": "submitted",
    "reminder": "submitted",
    "approved_with_comment": "approved",
    "published": "approved",
    "changes_requested": "rejected",
    "rejected_later": "rejected",
    # The office's alerts about steps nobody reviews (workflows.escalation) are review requests.
    "no_reviewer": "submitted",
    "escalated": "submitted",
    "review_cancelled": "rejected",
}


@dataclass
class Notice:
    event: str
    recipients: list
    context: dict


def public_url(page):
    """The live item's public address, absolute; empty when it is not live."""
    url = page.url if page.live else None
    return absolute_url(url) if url else ""


def page_context(page):
    page = page.specific
    return {
        "page": page,
        "agency": getattr(page, "agency", None),
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "history_url": absolute_url(reverse("wagtailadmin_pages:history", args=[page.pk])),
        "public_url": public_url(page),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def authors(page, workflow_state=None):
    ids = {page.owner_id}
    if workflow_state is not None:
        ids.add(workflow_state.requested_by_id)
    return list(get_user_model().objects.filter(pk__in=ids - {None}, is_active=True))


def earlier_approvers(task_state):
    """Reviewers who approved earlier stages of the same run of the workflow."""
    approvals = TaskState.objects.filter(
        workflow_state=task_state.workflow_state, status=TaskState.STATUS_APPROVED
    ).exclude(pk=task_state.pk)
    return list(
        get_user_model().objects.filter(pk__in=approvals.values("finished_by"), is_active=True)
    )


def task_reviewers(task, page):
    """Who acts on `task` for `page`; covers Wagtail's own group tasks as well as ours."""
    if hasattr(task, "reviewers"):
        return list(task.reviewers(page))
    if hasattr(task, "groups"):
        users = get_user_model().objects.filter(is_active=True, groups__in=task.groups.all())
        return list(users.distinct())
    return []


# --- building the notices of each event -------------------------------------------------


def review_requested(task_state_id, actor_id=None):
    task_state = TaskState.objects.select_related("workflow_state").get(pk=task_state_id)
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return []  # already acted on by the time the mail goes out
    page = task_state.workflow_state.content_object.specific
    task = task_state.task.specific
    recipients = [user for user in task_reviewers(task, page) if user.pk != actor_id]
    previous = previous_task_state(task_state)
    context = page_context(page) | {
        "task": task,
        "requested_by": task_state.workflow_state.requested_by,
        "previous": previous,
    }
    return [Notice("review_requested", recipients, context)]


def previous_task_state(task_state):
    return (
        TaskState.objects.filter(
            workflow_state=task_state.workflow_state, finished_at__isnull=False
        )
        .exclude(pk=task_state.pk)
        .select_related("finished_by", "task")
        .order_by("-finished_at")
        .first()
    )


def task_approved(task_state_id, actor_id=None):
    task_state = TaskState.objects.select_related("workflow_state", "finished_by").get(
        pk=task_state_id
    )
    if not task_state.comment:
        return []  # the next stage's reviewers hear from review_requested
    page = task_state.workflow_state.content_object.specific
    recipients = [u for u in authors(page, task_state.workflow_state) if u.pk != actor_id]
    context = page_context(page) | {"task_state": task_state, "task": task_state.task}
    return [Notice("approved_with_comment", recipients, context)]


def task_rejected(task_state_id, actor_id=None):
    task_state = TaskState.objects.select_related("workflow_state", "finished_by").get(
        pk=task_state_id
    )
    page = task_state.workflow_state.content_object.specific
    context = page_context(page) | {"task_state": task_state, "task": task_state.task}
    to_authors = [u for u in authors(page, task_state.workflow_state) if u.pk != actor_id]
    author_ids = {u.pk for u in to_authors} | {actor_id}
    to_reviewers = [u for u in earlier_approvers(task_state) if u.pk not in author_ids]
    return [
        Notice("changes_requested", to_authors, context),
        Notice("rejected_later", to_reviewers, context),
    ]


def published(page_id):
    page = Page.objects.get(pk=page_id).specific
    publication = (
        PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish")
        .order_by("-timestamp", "-pk")
        .first()
    )
    actor_id = publication.user_id if publication else None
    recipients = [u for u in authors(page) if u.pk != actor_id]
    return [Notice("published", recipients, page_context(page))]


def waiting_step(task_state_id):
    """(task state, item, task) of a step that still waits, or None once it is decided."""
    task_state = TaskState.objects.select_related("workflow_state").get(pk=task_state_id)
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    return task_state, task_state.workflow_state.content_object.specific, task_state.task.specific


def reminder(task_state_id, actor_id=None):
    waiting = waiting_step(task_state_id)
    if waiting is None:
        return []
    task_state, page, task = waiting
    context = page_context(page) | {"task": task, "task_state": task_state}
    return [Notice("reminder", task_reviewers(task, page), context)]


def no_reviewer(task_state_id, actor_id=None):
    """The office: nobody can review this step (and, at the head's step, it may stand in)."""
    waiting = waiting_step(task_state_id)
    if waiting is None:
        return []
    task_state, page, task = waiting
    if task_reviewers(task, page):
        return []  # someone can review it again by the time the mail goes out
    context = page_context(page) | {
        "task": task,
        "task_state": task_state,
        "requested_by": task_state.workflow_state.requested_by,
    }
    context |= stand_in.why_nobody(task, page)
    return [Notice("no_reviewer", stand_in.office_recipients(task, page), context)]


def escalated(task_state_id, actor_id=None):
    """The office: this step's reminders went unanswered for N working days."""
    waiting = waiting_step(task_state_id)
    if waiting is None:
        return []
    task_state, page, task = waiting
    first_reminder = ReminderSent.objects.filter(task_state=task_state).order_by("sent_on").first()
    context = page_context(page) | {
        "task": task,
        "task_state": task_state,
        "reviewers": task_reviewers(task, page),
        "reminded_since": first_reminder.sent_on if first_reminder else None,
        "days": stand_in.escalate_after(),
        "stand_in": stand_in.may_stand_in_at(task),
    }
    return [Notice("escalated", stand_in.office_recipients(task, page), context)]


def review_cancelled(workflow_state_id, log_entry_id):
    """The authors other than the canceller hear that the review was cancelled, and why."""
    workflow_state = WorkflowState.objects.select_related("current_task_state__task").get(
        pk=workflow_state_id
    )
    entry = PageLogEntry.objects.select_related("user").get(pk=log_entry_id)
    page = Page.objects.get(pk=entry.page_id).specific
    recipients = [u for u in authors(page, workflow_state) if u.pk != entry.user_id]
    task_state = workflow_state.current_task_state
    context = page_context(page) | {
        "cancelled_by": entry.user,
        "reason": entry.data.get("comment", ""),
        "task": task_state.task if task_state else None,
    }
    return [Notice("review_cancelled", recipients, context)]


BUILDERS = {
    "review_requested": review_requested,
    "task_approved": task_approved,
    "task_rejected": task_rejected,
    "published": published,
    "reminder": reminder,
    "no_reviewer": no_reviewer,
    "escalated": escalated,
    "review_cancelled": review_cancelled,
}


# --- sending ------------------------------------------------------------------------------


def wants(user, event):
    return bool(user.email) and getattr(
        UserProfile.get_for_user(user), f"{PREFERENCE[event]}_notifications", True
    )


def render_email(notice, user):
    # The templates are plain text: each one turns autoescaping off, so that titles and
    # comments with quotes, "&" or "<" arrive as typed.
    language = UserProfile.get_for_user(user).get_preferred_language()
    context = notice.context | {"user": user}
    with translation.override(language):
        subject = render_to_string(f"workflows/emails/{notice.event}_subject.txt", context)
        body = render_to_string(f"workflows/emails/{notice.event}.txt", context)
    return EmailMessage(" ".join(subject.split()), body.strip(), to=[user.email])


def build_event(event, ids):
    """The e-mails of one event, as they stand now (the outbox calls this after the commit)."""
    return [
        render_email(notice, user)
        for notice in BUILDERS[event](**ids)
        for user in notice.recipients
        if wants(user, notice.event)
    ]


def write_notice(event, ids):
    """Write the event to the e-mail outbox, in the current transaction: its e-mails are written
    and sent after the commit, by a task or, with the broker down, by the scheduler's tick."""
    return outbox.defer(BUILDER, source=f"workflows.{event}", event=event, ids=ids)


def dispatch_once(event, record):
    """Write `record` (a row its unique constraint allows once) and the notice of `event` about
    its task state, in one transaction; False if another tick wrote it first (that one sends)."""
    try:
        with transaction.atomic():
            record.save(force_insert=True)
            write_notice(event, {"task_state_id": record.task_state_id})
    except IntegrityError:
        return False
    return True


def notify(event, **ids):
    """Record a notification in the current transaction; it is e-mailed after the commit."""
    if notifications_are_muted():  # made-up history (the demo): nobody is told
        return
    write_notice(event, ids)
