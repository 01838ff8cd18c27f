"""What waits for a reviewer: the dashboard's first panel, oldest first.

"Mine" is what Wagtail's own "Awaiting your review" panel shows: the task states that the
tasks' get_task_states_user_can_moderate() give the user (TaskState.objects.reviewable_by),
so the heads of an agency see their agency's items at the first step, the CCHC office and
the leadership theirs at the later steps, and nobody sees their own items. This panel takes
its place with what a reviewer needs to choose what to open: the item, its agency, the step,
who submitted it and for how many working days it has waited.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from cchc_news.models import Agency, NewsItemPage

from . import conf
from .models import CCHCGroupApprovalTask
from .reminders import working_days_before

# The name of Wagtail's "Awaiting your review" panel, which this one replaces.
WAGTAIL_PANEL_NAME = "workflow_objects_to_moderate"


def working_days_waited(since, now=None):
    """Whole working days (Monday to Friday) from `since` to `now`.

    Counted as the reminders count them: an item has waited N days when `since` is at or before
    `now` moved back by N working days (workflows.reminders.working_days_before).
    """
    moment, days = now or timezone.now(), 0
    while True:
        moment = working_days_before(moment, 1)
        if moment < since:
            return days
        days += 1


def overdue_after():
    """Working days after which reminders go out: the list marks those items too."""
    return conf.get("CCHC_REVIEW_REMINDER_WORKING_DAYS")


@dataclass
class WaitingItem:
    task_state: TaskState
    page_id: int
    title: str
    agency: object  # cchc_news.models.Agency, or None for a page that is not a news item
    step: str
    submitted_by: object  # the user who submitted the item, or None
    waited_since: datetime  # when the item reached this step
    working_days: int
    overdue: bool

    @property
    def review_url(self):
        return reverse("cchc_review", args=(self.page_id,))


def waiting_task_states(user):
    """The pages' task states `user` may act on now, oldest first (Wagtail's reviewable_by)."""
    return (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
        .select_related("task", "revision", "workflow_state__requested_by")
        .order_by("started_at", "pk")
    )


def waiting_for(user, now=None):
    """A WaitingItem for each task state waiting for `user`, oldest first; a fixed number of
    queries whatever the number of items."""
    now = now or timezone.now()
    states = list(waiting_task_states(user))
    page_ids = {int(state.workflow_state.object_id) for state in states}
    news_items = NewsItemPage.objects.filter(pk__in=page_ids).select_related("agency")
    agencies = {item.pk: item.agency for item in news_items}
    limit = overdue_after()
    items = []
    for state in states:
        workflow_state = state.workflow_state
        page_id = int(workflow_state.object_id)
        days = working_days_waited(state.started_at, now)
        items.append(
            WaitingItem(
                task_state=state,
                page_id=page_id,
                title=state.revision.object_str if state.revision_id else str(page_id),
                agency=agencies.get(page_id),
                step=state.task.name,
                submitted_by=workflow_state.requested_by,
                waited_since=state.started_at,
                working_days=days,
                overdue=days >= limit,
            )
        )
    return items


class WaitingForMePanel(Component):
    """The dashboard's "Waiting for my review" panel, first on the page."""

    name = "cchc_waiting_for_me"
    # First of the lists: after only the office's alerts about the weekly cycle (bulletin.panels,
    # 5 and 10), before the "My agency" panel (50) and Wagtail's own panels (100 and more).
    order = 20
    template_name = "workflows/dashboard/waiting_panel.html"

    class Media:
        css = {"all": ["workflows/css/review.css"]}

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = self.items
        context["overdue_after"] = overdue_after()
        return context


def replace_wagtail_review_panel(request, panels):
    """construct_homepage_panels: our panel instead of Wagtail's "Awaiting your review".

    Reviewers see it even when nothing waits (they come back to it after each review and
    should read that the list is empty); other users see it only if something waits for them.
    """
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != WAGTAIL_PANEL_NAME]
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return
    items = waiting_for(request.user)
    if items or reviews_anything(request.user):
        panels.insert(0, WaitingForMePanel(items))


def reviews_anything(user):
    """Whether `user` reviews at some step: a superuser, an agency head, or a member of a
    group that approves a step of an active workflow."""
    if user.is_superuser:
        return True
    groups = user.groups.all()
    return (
        Agency.objects.filter(heads_group__in=groups).exists()
        or CCHCGroupApprovalTask.objects.filter(active=True, groups__in=groups).exists()
    )
