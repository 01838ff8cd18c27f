"""A review history for the demo items, made up but played through Wagtail's workflow API.

Each published demo item is submitted by its agency's editor and approved by the agency's head,
the CCHC office and the leadership (whose approval publishes it); some are sent back once or
twice with a comment and resubmitted. A few drafts stop on the way, waiting at a step. Every
row a step writes (workflow and task states, revisions, log entries) is then dated to the
moment the step is supposed to have happened, so the participation report, the dashboards and
each item's history read as weeks of real work. Nobody is e-mailed about any of it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from cchc_news.signals import notifications_muted

SUBMIT, APPROVE, REJECT, RESUBMIT = "submit", "approve", "reject", "resubmit"
STEPS = 3  # the agency's head, the CCHC office, the leadership
SEND_BACK_COMMENTS = {
    1: [
        "Đề nghị bổ sung số liệu cụ thể (số hồ sơ, tỷ lệ) trước khi gửi Sở.",
        "Tóm tắt còn dài, đề nghị rút gọn còn hai, ba câu.",
    ],
    2: [
        "Đề nghị ghi rõ văn bản chỉ đạo (số, ngày) được nhắc đến trong bài.",
        "Ảnh minh họa chưa có mô tả; đề nghị bổ sung trước khi trình Lãnh đạo Sở.",
    ],
    3: ["Đề nghị làm rõ kết quả so với cùng kỳ năm trước."],
}


@dataclass(frozen=True)
class Step:
    action: str
    user: object
    comment: str = ""


@dataclass(frozen=True)
class People:
    editor: object
    head: object
    office: object
    leader: object

    def reviewer(self, step):
        return (self.head, self.office, self.leader)[step - 1]


def review_steps(people, rng, stop_before=None):
    """The steps of one item's review; `stop_before`: end waiting at that step (1-3)."""
    steps = [Step(SUBMIT, people.editor)]
    sent_back = rng.choices((0, 1, 2), weights=(70, 24, 6))[0]
    rejecting = sorted(rng.choice((1, 1, 2, 2, 3)) for _ in range(sent_back))
    last = (stop_before - 1) if stop_before else STEPS
    for step in range(1, last + 1):
        while rejecting and rejecting[0] == step:
            rejecting.pop(0)
            comment = rng.choice(SEND_BACK_COMMENTS[step])
            steps += [Step(REJECT, people.reviewer(step), comment), Step(RESUBMIT, people.editor)]
        steps.append(Step(APPROVE, people.reviewer(step)))
    return steps


def step_gaps(steps, rng):
    """Hours before each step since the one before (the first: since the item was written)."""
    gaps = {SUBMIT: (1, 20), APPROVE: (2, 28), REJECT: (3, 30), RESUBMIT: (4, 40)}
    return [rng.uniform(*gaps[step.action]) for step in steps]


def step_times(steps, rng, last_at):
    """The moment of each step, the last one at `last_at`, and when the item was written."""
    gaps = step_gaps(steps, rng)
    moments, moment = [], last_at
    for gap in reversed(gaps):
        moments.append(moment)
        moment -= timedelta(hours=gap)
    return moment, list(reversed(moments))


class Dater:
    """Dates what one step writes: rows made or finished during it get the step's moment."""

    def __init__(self, item):
        self.item = item  # may be saved for the first time by the first step

    @property
    def object_id(self):
        return str(self.item.pk)

    def marks(self):
        return {
            model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            for model in (PageLogEntry, Revision, WorkflowState, TaskState)
        }

    def run(self, moment, action):
        before, started = self.marks(), timezone.now()
        action()
        PageLogEntry.objects.filter(page=self.item, pk__gt=before[PageLogEntry]).update(
            timestamp=moment
        )
        Revision.objects.filter(object_id=self.object_id, pk__gt=before[Revision]).update(
            created_at=moment
        )
        states = WorkflowState.objects.filter(object_id=self.object_id)
        states.filter(pk__gt=before[WorkflowState]).update(created_at=moment)
        tasks = TaskState.objects.filter(workflow_state__in=states)
        tasks.filter(pk__gt=before[TaskState]).update(started_at=moment)
        tasks.filter(finished_at__gte=started).update(finished_at=moment)


def current_task_state(item):
    state = WorkflowState.objects.active().get(object_id=str(item.pk))
    return state, state.current_task_state


def perform(item, step):
    if step.action == SUBMIT:
        item.save_revision(user=step.user)
        item.get_workflow().start(item, step.user)
    elif step.action == RESUBMIT:
        item.save_revision(user=step.user)
        current_task_state(item)[0].resume(user=step.user)
    else:
        task_state = current_task_state(item)[1]
        task_state.task.specific.on_action(task_state, step.user, step.action, comment=step.comment)


@dataclass(frozen=True)
class ReviewPlan:
    steps: list
    moments: list
    written_at: object  # when the item was written, before its first step


def review_plan(people, rng, last_at, stop_before=None):
    """One item's review, its last step at `last_at`; `stop_before`: left waiting there.

    Without `stop_before` the last step is the leadership's approval, which publishes.
    """
    steps = review_steps(people, rng, stop_before)
    written_at, moments = step_times(steps, rng, last_at)
    return ReviewPlan(steps, moments, written_at)


def play_review(item, plan):
    """Take `item` through its planned review, each step dated to its moment."""
    dater = Dater(item)
    with notifications_muted():
        for step, moment in zip(plan.steps, plan.moments, strict=True):
            dater.run(moment, lambda step=step: perform(item, step))
            item.refresh_from_db()
