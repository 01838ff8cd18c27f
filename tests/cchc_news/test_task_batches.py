"""Wagtail's in-process tasks held back in a batch and run once each (cchc_news.task_batches)."""

import pytest
from django_tasks import task

from cchc_news.task_batches import tasks_coalesced

runs = []


@task()
def record(name):
    runs.append(name)


@pytest.fixture(autouse=True)
def no_runs():
    runs.clear()


def test_the_portal_runs_wagtails_tasks_through_the_coalescing_backend():
    from django_tasks import task_backends

    assert type(task_backends["default"]).__name__ == "CoalescingImmediateBackend"


def test_outside_a_batch_a_task_runs_at_once():
    record.enqueue("a")
    assert runs == ["a"]


def test_each_distinct_task_runs_once_when_the_batch_ends_in_the_order_first_asked():
    with tasks_coalesced():
        first = record.enqueue("a")
        record.enqueue("b")
        again = record.enqueue("a")
        assert runs == []
    assert runs == ["a", "b"]
    assert again is first
    assert first.status == "SUCCESSFUL"


def test_a_batch_that_fails_runs_nothing():
    with pytest.raises(RuntimeError), tasks_coalesced():
        record.enqueue("a")
        raise RuntimeError("boom")
    assert runs == []
    record.enqueue("b")  # and the next task is not held back
    assert runs == ["b"]


def test_an_inner_batch_leaves_its_tasks_to_the_outer_one():
    with tasks_coalesced():
        with tasks_coalesced():
            record.enqueue("a")
        assert runs == []
        record.enqueue("a")
    assert runs == ["a"]
