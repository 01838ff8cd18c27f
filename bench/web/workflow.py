"""Median times of the review workflow's actions, in-process: submitting an item for review
and the first approval (as Wagtail's action views call them: Workflow.start, Task.on_action).
Each run is rolled back, so every submission starts from the same draft."""

import statistics
import time

from django.db import transaction


class Rollback(Exception):
    pass


def workflow_timings(repeat):
    """[("workflow submit", ms), ("workflow approve", ms)]; None where the action failed."""
    from django.contrib.auth import get_user_model

    from cchc_news.models import NewsItemPage

    users = get_user_model().objects
    author = users.create_superuser("bench-author", "author@example.com", "bench")
    approver = users.create_superuser("bench-approver", "approver@example.com", "bench")
    item = NewsItemPage.objects.live().order_by("-first_published_at").first()
    submits, approvals = [], []
    for _ in range(max(repeat, 3)):
        try:
            with transaction.atomic():
                submit_ms, approve_ms = submit_and_approve(item, author, approver)
                raise Rollback
        except Rollback:
            submits.append(submit_ms)
            approvals.append(approve_ms)
    return [
        ("workflow submit", round(statistics.median(submits), 1)),
        ("workflow approve", round(statistics.median(approvals), 1)),
    ]


def submit_and_approve(item, author, approver):
    page = item.specific_class.objects.get(pk=item.pk)
    started = time.perf_counter()
    page.save_revision(user=author)
    workflow_state = page.get_workflow().start(page, author)
    submitted = time.perf_counter()
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")
    approved = time.perf_counter()
    return (submitted - started) * 1000, (approved - submitted) * 1000
