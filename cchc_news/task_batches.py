"""Wagtail's in-process tasks (search index, reference index) run once per object in a batch.

Wagtail and its search package keep their indexes current with django-tasks tasks queued on
every save of a page (`update_reference_index_task`, `insert_or_update_object_task`), each
given the page's model and id and reading the page again from the database when it runs. The
in-process backend runs each at once, so an action that saves a page three times (the weekly
assembly: the bulletin created, its revision saved, published) indexes it three times, the
first two for states that nobody will see.

Inside `tasks_coalesced()`, `CoalescingImmediateBackend` (the host's TASKS backend) keeps each
distinct task (same function, same arguments) once and runs them when the block ends, in the
order first asked, still inside the caller's transaction: the indexes are written from the last
state and committed with it. A block that raises runs none of them (its transaction, rolled
back, left nothing to index). With another backend the block changes nothing.
"""

import threading
from contextlib import contextmanager

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

_batch = threading.local()


class CoalescingImmediateBackend(ImmediateBackend):
    """django-tasks' in-process backend, which holds tasks back inside `tasks_coalesced()`."""

    def enqueue(self, task, args, kwargs):
        pending = getattr(_batch, "pending", None)
        if pending is None:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        key = (self.alias, task.module_path, repr(tuple(args)), repr(sorted(kwargs.items())))
        if key not in pending:
            pending[key] = (self, self._ready_result(task, args, kwargs))
        return pending[key][1]

    def _ready_result(self, task, args, kwargs):
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

    def run(self, result):
        self._execute_task(result)


@contextmanager
def tasks_coalesced():
    """Each distinct in-process task asked for in the block runs once, when it ends."""
    if hasattr(_batch, "pending"):
        yield  # the enclosing block runs them
        return
    _batch.pending = {}
    try:
        yield
        pending = list(_batch.pending.values())
    finally:
        del _batch.pending
    for backend, result in pending:  # tasks these ask for run at once
        backend.run(result)
