"""Reminders to reviewers about items waiting more than two working days."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from wagtail.models import TaskState

from workflows.reminders import queue_reminders, working_days_before
from workflows.tasks import send_review_reminders

from .builders import act_on, draft_item, start_review
from .helpers import current_task_state

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = ZoneInfo("UTC")
# Wednesday 2 December 2026, 09:00 in Hồ Chí Minh City.
WEDNESDAY = datetime(2026, 12, 2, 9, 0, tzinfo=LOCAL)
REMINDER_SUBJECT = "Nhắc việc: tin, bài vẫn chờ duyệt: {title}"


def local(year, month, day, hour=10):
    return datetime(year, month, day, hour, 0, tzinfo=LOCAL)


# Counting working days.


@pytest.mark.parametrize(
    ("moment", "days", "expected"),
    [
        (local(2026, 11, 30), 1, local(2026, 11, 27)),  # Monday - 1 = Friday
        (local(2026, 11, 30), 2, local(2026, 11, 26)),  # Monday - 2 = Thursday
        (local(2026, 12, 2), 3, local(2026, 11, 27)),  # Wednesday - 3 = Friday
        (local(2026, 11, 28), 1, local(2026, 11, 27)),  # Saturday - 1 = Friday
        (local(2026, 11, 29), 1, local(2026, 11, 27)),  # Sunday - 1 = Friday
        (local(2026, 11, 27), 1, local(2026, 11, 26)),  # Friday - 1 = Thursday
        (local(2026, 11, 30), 0, local(2026, 11, 30)),
    ],
    ids=["mon-1", "mon-2", "wed-3", "sat-1", "sun-1", "fri-1", "zero"],
)
def test_working_days_before_skips_the_weekend(moment, days, expected):
    assert working_days_before(moment, days) == expected


def test_working_days_are_counted_in_the_local_calendar():
    # Sunday 20:00 UTC is already Monday 03:00 in Vietnam: one working day back is Friday.
    sunday_evening_utc = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
    assert working_days_before(sunday_evening_utc, 1) == datetime(2026, 11, 27, 3, 0, tzinfo=LOCAL)


# Who gets reminded.


@pytest.fixture
def waiting(agency_a, editor_a, head_a, topic):
    """Make an item wait at the agency head's step since `started_at`."""

    def make(title, started_at):
        item = draft_item(agency_a, editor_a, title=title, topic=topic)
        start_review(item, editor_a)
        task_state = current_task_state(item)
        TaskState.objects.filter(pk=task_state.pk).update(started_at=started_at)
        return item

    return make


@pytest.mark.django_db
def test_an_item_waiting_three_working_days_reminds_its_reviewers(
    waiting, head_a, make_user, agency_a, editor_a
):
    other_head = make_user("head_a2", agency_a.heads_group)
    old = waiting("Chờ từ thứ Sáu", WEDNESDAY - timedelta(days=5))  # Friday 09:00
    waiting("Chờ từ thứ Ba", WEDNESDAY - timedelta(days=1))  # Tuesday 09:00: 1 working day

    assert queue_reminders(now=WEDNESDAY) == 1

    assert sorted(m.to[0] for m in mail.outbox) == sorted([head_a.email, other_head.email])
    for message in mail.outbox:
        assert message.subject == REMINDER_SUBJECT.format(title=old.title)
        assert "27/11/2026" in message.body  # waiting since
        assert f"/admin/pages/{old.pk}/edit/" in message.body
    assert editor_a.email not in {m.to[0] for m in mail.outbox}


@pytest.mark.django_db
def test_an_item_waiting_one_working_day_gets_no_reminder(waiting):
    waiting("Chờ từ thứ Ba", WEDNESDAY - timedelta(days=1))

    assert queue_reminders(now=WEDNESDAY) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_weekend_does_not_count_as_waiting(waiting):
    # Friday 17:00 to Tuesday 09:00 is less than two working days.
    waiting("Gửi chiều thứ Sáu", datetime(2026, 11, 27, 17, 0, tzinfo=LOCAL))

    assert queue_reminders(now=datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL)) == 0
    assert queue_reminders(now=datetime(2026, 12, 1, 17, 0, tzinfo=LOCAL)) == 1


@pytest.mark.django_db
def test_an_item_sent_back_for_changes_is_not_reminded(waiting, head_a):
    item = waiting("Đã trả lại", WEDNESDAY - timedelta(days=7))
    act_on(item, head_a, "reject", comment="Bổ sung số liệu.")

    assert queue_reminders(now=WEDNESDAY) == 0
    assert mail.outbox == []


# The Celery side.


@pytest.mark.django_db
def test_the_reminder_task_sends_and_returns_the_count(waiting, head_a):
    item = waiting("Chờ đã lâu", timezone.now() - timedelta(days=10))

    assert send_review_reminders() == 1

    assert [m.to for m in mail.outbox] == [[head_a.email]]
    assert mail.outbox[0].subject == REMINDER_SUBJECT.format(title=item.title)


def test_the_beat_schedule_runs_the_reminders_every_working_morning():
    from portal.celery import app

    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == send_review_reminders.name
    ]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert schedule.day_of_week == {1, 2, 3, 4, 5}
    assert schedule.hour == {8} and schedule.minute == {0}
    beat = app.conf.beat_schedule.values()  # what `celery -A portal beat` reads
    assert [entry["task"] for entry in beat].count(send_review_reminders.name) == 1
    assert send_review_reminders.name in app.tasks  # registered with the worker's app
