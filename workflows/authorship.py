"""Who wrote what is under review: they may not approve it.

The authors of an item under review are its owner, whoever submitted it, whoever created a
revision of it since the current review started (a head who rewrites an editor's item, an
office member who edits it at their step), and whoever created the revision that the current
task state points to. Wagtail keeps a task state's revision as it was when the task started
(`Task.start`, `WorkflowState.resume`); edits made during the review are later revisions of
the same item, which is why the revisions since the start count, not only that one.

A revision that changes nothing but the item's inline comments (a reviewer commenting, or
pressing "Save draft" with no change) makes nobody an author: when the editor saves it, its
"edited" history entry is marked as not changing the content (`mark_unchanged_edit`), and
such revisions are left out.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from wagtail.models import PageLogEntry, Revision
from wagtail.models.pages import COMMENTS_RELATION_NAME

EDIT_ACTIONS = ("wagtail.edit", "wagtail.revert")
# What a revision's content holds besides the item itself: it changes on every save.
NOT_CONTENT = {
    COMMENTS_RELATION_NAME,
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "live_revision",
    "last_published_at",
    "locked",
    "locked_at",
    "locked_by",
}


def content_changes(revisions):
    """`revisions` without those known to change nothing but comments."""
    unchanged = PageLogEntry.objects.filter(
        revision=OuterRef("pk"), action__in=EDIT_ACTIONS, content_changed=False
    )
    return revisions.exclude(Exists(unchanged))


def same_content(revision, previous):
    strip = lambda content: {k: v for k, v in content.items() if k not in NOT_CONTENT}  # noqa: E731
    return strip(revision.content) == strip(previous.content)


def mark_unchanged_edit(sender, instance, created, **kwargs):
    """An "edited" history entry whose revision changes no content says so (post_save)."""
    if not created or instance.action not in EDIT_ACTIONS or instance.revision_id is None:
        return
    revision = instance.revision
    previous = (
        Revision.objects.filter(
            base_content_type_id=revision.base_content_type_id,
            object_id=revision.object_id,
            created_at__lte=revision.created_at,
        )
        .exclude(pk=revision.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    if previous is not None and same_content(revision, previous):
        PageLogEntry.objects.filter(pk=instance.pk).update(content_changed=False)


def authors_of(obj):
    """Ids of the authors of `obj` under its current review (owner alone if none).

    One query: the review's requester and its revisers, read through subqueries of the
    object's active workflow state (at most one, a constraint of Wagtail's). It runs several
    times in one approval (the checks, the next step's reviewers, their e-mails).
    """
    authors = {obj.owner_id} if getattr(obj, "owner_id", None) else set()
    if not hasattr(obj, "workflow_states"):
        return authors
    state = obj.workflow_states.active().order_by()
    revisers = content_changes(
        Revision.objects.filter(
            base_content_type_id=Subquery(state.values("base_content_type_id")),
            object_id=str(obj.pk),
            user__isnull=False,
        ).filter(
            Q(created_at__gte=Subquery(state.values("created_at")))
            | Q(pk=Subquery(state.values("current_task_state__revision_id")))
        )
    ).order_by()
    requester = state.values_list("requested_by_id", flat=True)
    found = requester.union(revisers.values_list("user_id", flat=True))
    return authors | {user_id for user_id in found if user_id is not None}


def exclude_authored(task_states, user):
    """`task_states` without those of items that `user` submitted or revised during the review.

    One query with the list (subqueries), whatever the number of items. Items that `user`
    owns are left to the caller (the owner is a field of the page, not of the review).
    """
    revised = content_changes(
        Revision.objects.filter(
            base_content_type_id=OuterRef("workflow_state__base_content_type_id"),
            object_id=OuterRef("workflow_state__object_id"),
            created_at__gte=OuterRef("workflow_state__created_at"),
            user=user,
        )
    )
    return (
        task_states.exclude(workflow_state__requested_by=user)
        .exclude(revision__user=user)
        .exclude(Exists(revised))
    )
