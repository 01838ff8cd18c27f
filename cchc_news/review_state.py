"""Where a news item stands in its review: the one definition that every screen reads.

Nothing is stored for it: the state is derived from what Wagtail and this app record anyway.
The first rule of RULES that holds gives it:

- changes_requested: the item's active workflow state needs changes (a reviewer sent it back;
  who, when, at which step and why: sent_back_notice());
- in_review: its active workflow state is in progress, at the step of its current task;
- scheduled: a revision was approved to go live later (Wagtail's approved_go_live_at);
- live_with_draft: it is live, with changes saved since then and not submitted;
- live: it is live as published;
- withdrawn: it was taken down with a reason ("Gỡ tin", cchc_news Withdrawal);
- expired: Wagtail unpublished it at its expiry date;
- draft: none of these (never published, or unpublished otherwise, and not in review).

The review comes first: what waits for someone's decision or changes is what people look for.
(Wagtail's status tag says "scheduled" for a scheduled item whose new version is in review.)

The table is read two ways: as SQL by annotate_review_state() (listings, dashboards, reports:
the same number of queries whatever the number of items) and in Python by state_of() for a
page already loaded (it reads the workflow states and approved schedule that Wagtail's
listings prefetch). The workflow that runs on a news item is always the CCHC review, so the
active workflow state is the review's, whatever administrators named the workflow.

This module imports no model of cchc_news (the models use it): the withdrawal is reached
through the queryset's own model.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision, WorkflowState


class ReviewState(models.TextChoices):
    """The states, in the order that lists and filters show them."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Published")
    LIVE_WITH_DRAFT = "live_with_draft", _("Published, with unpublished changes")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


# (state, the facts it needs), first match wins; an item that matches none is a DRAFT.
RULES = [
    (ReviewState.CHANGES_REQUESTED, {"workflow_status": WorkflowState.STATUS_NEEDS_CHANGES}),
    (ReviewState.IN_REVIEW, {"workflow_status": WorkflowState.STATUS_IN_PROGRESS}),
    (ReviewState.SCHEDULED, {"scheduled": True}),
    (ReviewState.LIVE_WITH_DRAFT, {"live": True, "has_unpublished_changes": True}),
    (ReviewState.LIVE, {"live": True}),
    (ReviewState.WITHDRAWN, {"withdrawn": True}),
    (ReviewState.EXPIRED, {"expired": True}),
]
DEFAULT_STATE = ReviewState.DRAFT

# The annotation or field that holds each fact in SQL (see annotate_review_state).
SQL_FACTS = {
    "workflow_status": "review_workflow_status",
    "scheduled": "review_scheduled",
    "withdrawn": "review_withdrawn",
    "live": "live",
    "has_unpublished_changes": "has_unpublished_changes",
    "expired": "expired",
}

# The facts that are the page's own fields.
PAGE_FIELDS = ("live", "has_unpublished_changes", "expired")

# What sent_back_notice() and the step read from a workflow state, for select_related().
STATE_RELATED = ("current_task_state__task", "current_task_state__finished_by")


# --- an item's workflow states ----------------------------------------------------------------
# Wagtail keeps a page's workflow states under the base Page content type, with the page id
# as text (WorkflowState.object_id is a CharField, shared with snippets).


def page_content_type():
    return ContentType.objects.get_for_model(Page)


def page_ids_as_text(pages):
    """The ids of `pages` as text, to match WorkflowState.object_id in a subquery."""
    return pages.annotate(pk_text=Cast("pk", models.CharField())).values("pk_text")


def workflow_states_of(pages, prefix=""):
    """A Q that matches the workflow states of `pages` (a page queryset); with
    prefix="workflow_state__" it matches their task states."""
    return Q(
        **{
            f"{prefix}base_content_type": page_content_type(),
            f"{prefix}object_id__in": page_ids_as_text(pages),
        }
    )


def workflow_states_of_outer_page(outer_pk="pk"):
    """The workflow states of the page of the outer query (for Subquery and Exists)."""
    return WorkflowState.objects.filter(
        base_content_type=page_content_type(),
        object_id=Cast(OuterRef(outer_pk), models.CharField()),
    )


# --- in SQL: many items at once -------------------------------------------------------------


def withdrawal_model(model):
    return model._meta.get_field("withdrawal").related_model


def annotate_review_state(queryset):
    """Each news item with `review_state` (a ReviewState value) and `review_step` (the name of
    the step it waits at, when in review), in the same query."""
    active = workflow_states_of_outer_page().active()
    scheduled = Revision.page_revisions.filter(
        object_id=Cast(OuterRef("pk"), models.CharField()), approved_go_live_at__isnull=False
    )
    withdrawn = withdrawal_model(queryset.model).objects.filter(item=OuterRef("pk"))
    queryset = queryset.annotate(
        review_workflow_status=Subquery(active.values("status")[:1]),
        review_scheduled=Exists(scheduled),
        review_withdrawn=Exists(withdrawn),
    )
    whens = [
        When(Q(**{SQL_FACTS[fact]: value for fact, value in facts.items()}), then=Value(state))
        for state, facts in RULES
    ]
    in_review = active.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    return queryset.annotate(
        review_state=Case(*whens, default=Value(DEFAULT_STATE), output_field=models.CharField()),
        review_step=Subquery(in_review.values("current_task_state__task__name")[:1]),
    )


def filter_review_state(queryset, *states):
    """The news items of `queryset` in any of `states`."""
    return annotate_review_state(queryset).filter(review_state__in=states)


def prefetch_workflow_states(queryset):
    """Each news item with its active workflow state, what its sent-back notice reads included:
    item.current_workflow_state then costs no query.

    Wagtail's own PageQuerySet.prefetch_workflow_states() finds nothing on a queryset of
    NewsItemPage that is not .specific(): it matches the states' base content type (Page)
    against NewsItemPage's. The specific relation, which it uses on specific querysets, works.
    """
    return queryset.prefetch_related(
        Prefetch(
            "_specific_workflow_states",
            queryset=WorkflowState.objects.active().select_related(*STATE_RELATED),
            to_attr="_current_workflow_states",
        )
    )


# --- in Python: one loaded item ----------------------------------------------------------------


class PageFacts:
    """The facts of one loaded page, each read only when a rule asks for it."""

    def __init__(self, page):
        self.page = page

    @cached_property
    def workflow_status(self):
        return workflow_status(self.page.current_workflow_state)

    @cached_property
    def scheduled(self):
        return self.page.approved_schedule

    @cached_property
    def withdrawn(self):
        try:
            return self.page.withdrawal is not None
        except (AttributeError, ObjectDoesNotExist):
            return False

    def __getattr__(self, name):
        if name in PAGE_FIELDS:
            return getattr(self.page, name)
        raise AttributeError(name)


class WorkflowStateFacts:
    """The one fact that an active workflow state tells (the rules that decide the states of
    review come first, so it is enough to tell those)."""

    def __init__(self, workflow_state):
        self.workflow_status = workflow_status(workflow_state)


def workflow_status(workflow_state):
    return workflow_state.status if workflow_state is not None else None


def first_state(facts, stop_at=None):
    """The state of the first rule that holds, or DEFAULT_STATE; reads no fact past `stop_at`'s
    rule (its answer is then None when that rule does not hold)."""
    for state, needs in RULES:
        if all(getattr(facts, fact) == value for fact, value in needs.items()):
            return state
        if state == stop_at:
            return None
    return DEFAULT_STATE


def state_of(page):
    """The ReviewState of one news item (its annotation, when the queryset made one)."""
    annotated = getattr(page, "review_state", None)
    if annotated is not None:
        return ReviewState(annotated)
    return first_state(PageFacts(page))


def is_in_state(page, state):
    """Whether state_of(page) is `state`, reading only the facts of the rules up to its own."""
    return first_state(PageFacts(page), stop_at=state) == state


def is_sent_back(page):
    """Whether the item waits for its author's changes (reads only its workflow state)."""
    return is_in_state(page, ReviewState.CHANGES_REQUESTED)


def is_in_review(page):
    """Whether the item waits for a reviewer's decision (reads only its workflow state)."""
    return is_in_state(page, ReviewState.IN_REVIEW)


def workflow_review_state(workflow_state):
    """The state that a workflow state gives its item: CHANGES_REQUESTED or IN_REVIEW, None when
    it is not active (the item's other facts decide then)."""
    return first_state(WorkflowStateFacts(workflow_state), stop_at=ReviewState.IN_REVIEW)


def step_of(page):
    """The name of the step an item in review waits at, else None."""
    if hasattr(page, "review_step"):
        return page.review_step
    if not is_in_review(page):
        return None
    return page.current_workflow_state.current_task_state.task.name


# --- sent back: who, when, at which step, why -------------------------------------------------


@dataclass(frozen=True)
class SentBack:
    by: object  # the reviewer (a user), or None if their account was deleted
    at: datetime
    step: str
    comment: str


def sent_back_notice(workflow_state):
    """The SentBack of an item's active workflow state if it was sent back, else None.

    Wagtail keeps all of it there: rejecting a task ("Request changes") sets the workflow state
    to needs changes and leaves its current task state on the rejected one, whose finished_by,
    finished_at and comment say who, when and why, and whose task is the step. Resubmitting,
    cancelling or publishing moves the state on, so the notice goes everywhere at once.
    Select STATE_RELATED with the state to list many items at a fixed number of queries.
    """
    if workflow_review_state(workflow_state) != ReviewState.CHANGES_REQUESTED:
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
