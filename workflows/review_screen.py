"""The review screen: one item as a reviewer needs it, and the decision.

/admin/cchc/review/<page id>/ shows the item's current step to those who may act on it (the
task's get_actions(), the same test as Wagtail's workflow views; nobody else: 403): the preview
of the revision under review (Wagtail's workflow preview, in a frame), its checklist (the rules of
cchc_news.checklist, as the editor's side panel runs them), the comments of the steps before this
one, and a link to Wagtail's revision comparison against the revision this step saw last time.

The decision buttons are the task's own actions, posted to Wagtail's workflow action view
(wagtailadmin_pages:workflow_action, with its comment form in a modal): its form validation and
the task's on_action() apply unchanged. Wagtail then goes to `next`, the "done" view below, which
reads what happened from the task state and the workflow state (not from what was asked for),
says it in one message, and returns the reviewer to the dashboard's list of what still waits.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.templatetags.wagtailadmin_tags import user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, TaskState

from cchc_news.checklist.editor import checklist_context
from cchc_news.checklist.rules import run_checklist
from cchc_news.models import NewsItemPage
from cchc_news.review_state import ReviewState, workflow_review_state

from .waiting import working_days_waited

WAITING_LIST = "wagtailadmin_home"  # the dashboard, whose first panel lists what waits


def local_time(moment):
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else ""


def review_url(page_id):
    return reverse("cchc_review", args=(page_id,))


def not_awaiting_review(request):
    messages.warning(request, gettext("This item is not waiting for a review any more."))
    return redirect(WAITING_LIST)


def earlier_steps(workflow_state, current):
    """The finished task states of this workflow state before `current`, in order."""
    return (
        TaskState.objects.filter(workflow_state=workflow_state, finished_at__isnull=False)
        .exclude(pk=current.pk)
        .select_related("task", "finished_by")
        .order_by("finished_at", "pk")
    )


def last_seen_by_step(page, current):
    """The task state in which this step last decided on `page` (in any earlier workflow too);
    a cancelled one (the item was withdrawn or published meanwhile) saw nothing decided."""
    return (
        TaskState.objects.for_instance(page)
        .filter(
            task_id=current.task_id,
            status__in=(TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED),
        )
        .exclude(pk=current.pk)
        .order_by("-finished_at", "-pk")
        .first()
    )


def comparison(page, current):
    """(url, label) of the comparison this step needs, or (None, explanation)."""
    compare = "wagtailadmin_pages:revisions_compare"
    seen = last_seen_by_step(page, current)
    if seen is not None and seen.revision_id:
        when = seen.finished_at
        if seen.revision_id == current.revision_id:
            return None, gettext("Unchanged since this step last saw it.")
        url = reverse(compare, args=(page.pk, seen.revision_id, current.revision_id))
        label = gettext("Changes since this step last saw it (%(when)s)") % {
            "when": local_time(when)
        }
        return url, label
    if page.live and page.live_revision_id and page.live_revision_id != current.revision_id:
        url = reverse(compare, args=(page.pk, "live", current.revision_id))
        return url, gettext("Changes against the published version")
    return None, gettext("This step sees this item for the first time.")


class ReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "workflows/review.html"
    page_title = _("Review")
    header_icon = "tasks"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        workflow_state = self.page.current_workflow_state
        if workflow_review_state(workflow_state) != ReviewState.IN_REVIEW:
            return not_awaiting_review(request)
        self.workflow_state = workflow_state
        self.task_state = workflow_state.current_task_state
        self.task = self.task_state.task.specific
        # Who may act is the task's decision (the same call as Wagtail's workflow views).
        self.actions = self.task.get_actions(self.page, request.user)
        if not self.actions:
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse(WAITING_LIST), "label": gettext("Dashboard")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def action_buttons(self):
        """The task's actions, the request for changes last; each posts to Wagtail's view."""
        buttons = []
        for name, label, modal in self.actions:
            url = reverse(
                "wagtailadmin_pages:workflow_action", args=(self.page.pk, name, self.task_state.pk)
            )
            buttons.append({"name": name, "label": label, "modal": modal, "url": url})
        buttons.sort(key=lambda button: button["name"] == "reject")
        for position, button in enumerate(buttons):
            button["primary"] = position == 0
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision = self.task_state.revision
        under_review = revision.as_object() if revision else self.page
        item = under_review if isinstance(under_review, NewsItemPage) else None
        compare_url, compare_label = comparison(self.page, self.task_state)
        permissions = self.page.permissions_for_user(self.request.user)
        context.update(
            page=self.page,
            item=item,
            agency=getattr(self.page, "agency", None),
            task_state=self.task_state,
            workflow_state=self.workflow_state,
            steps=self.workflow_state.all_tasks_with_status(),
            submitted_by=self.workflow_state.requested_by,
            working_days=working_days_waited(self.task_state.started_at),
            preview_url=reverse(
                "wagtailadmin_pages:workflow_preview", args=(self.page.pk, self.task.pk)
            ),
            checklist=checklist_context(run_checklist(item)) if item is not None else None,
            earlier_steps=earlier_steps(self.workflow_state, self.task_state),
            compare_url=compare_url,
            compare_label=compare_label,
            buttons=self.action_buttons(),
            done_url=reverse("cchc_review_done", args=(self.page.pk, self.task_state.pk)),
            edit_url=(
                reverse("wagtailadmin_pages:edit", args=(self.page.pk,))
                if permissions.can_edit()
                else None
            ),
            history_url=reverse("wagtailadmin_pages:history", args=(self.page.pk,)),
        )
        return context


def outcome_message(page, task_state):
    """What the decision did and where the item went, read from the saved states."""
    title = task_state.revision.object_str if task_state.revision_id else page.title
    workflow_state = task_state.workflow_state
    if task_state.status == TaskState.STATUS_REJECTED:
        author = workflow_state.requested_by
        return gettext(
            "Changes requested for “%(title)s”: it has been sent back to its author, %(author)s."
        ) % {"title": title, "author": user_display_name(author) if author else "—"}
    if task_state.comment:
        done = gettext("Approved with comment: “%(title)s”.") % {"title": title}
    else:
        done = gettext("Approved: “%(title)s”.") % {"title": title}
    if workflow_review_state(workflow_state) == ReviewState.IN_REVIEW:
        step = workflow_state.current_task_state.task.name
        return done + " " + gettext("It goes on to the step “%(step)s”.") % {"step": step}
    page.refresh_from_db()
    if page.live and page.live_revision_id == task_state.revision_id:
        return done + " " + gettext("It has been published.")
    if task_state.revision_id and task_state.revision.approved_go_live_at:
        when = local_time(task_state.revision.approved_go_live_at)
        return done + " " + gettext("It will be published at %(when)s.") % {"when": when}
    return done + " " + gettext("The review is complete.")


class ReviewDoneView(View):
    """Where Wagtail's workflow action sends the reviewer after the decision."""

    def get(self, request, page_id, task_state_id):
        page = get_object_or_404(Page, pk=page_id).specific
        task_state = get_object_or_404(
            TaskState.objects.for_instance(page).select_related(
                "workflow_state__requested_by", "revision"
            ),
            pk=task_state_id,
        )
        if task_state.status == TaskState.STATUS_IN_PROGRESS:
            # The action did not happen (the form was refused, e.g. a missing comment).
            messages.error(
                request,
                gettext("Nothing was decided: choose the decision again and fill in the form."),
            )
            return redirect(review_url(page.pk))
        if task_state.finished_by_id == request.user.pk:
            messages.success(request, outcome_message(page, task_state))
        return redirect(WAITING_LIST)


urlpatterns = [
    path("cchc/review/<int:page_id>/", ReviewView.as_view(), name="cchc_review"),
    path(
        "cchc/review/<int:page_id>/done/<int:task_state_id>/",
        ReviewDoneView.as_view(),
        name="cchc_review_done",
    ),
]
