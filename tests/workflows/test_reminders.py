"""Reminders to reviewers about items waiting more than two working days."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from wagtail.models import TaskState

from cchc_news.models import JobRun
from cchc_news.scheduler import tick
from workflows.models import ReminderSent
from workflows.reminders import queue_reminders, send_once, working_days_before
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
        mail.outbox.clear()  # the review request
        return item

    return make


@pytest.mark.django_db
def test_an_item_waiting_three_working_days_reminds_its_reviewers(
    waiting, head_a, make_user, agency_a, editor_a, django_capture_on_commit_callbacks
):
    other_head = make_user("head_a2", agency_a.heads_group)
    old = waiting("Chờ từ thứ Sáu", WEDNESDAY - timedelta(days=5))  # Friday 09:00
    waiting("Chờ từ thứ Ba", WEDNESDAY - timedelta(days=1))  # Tuesday 09:00: 1 working day

    with django_capture_on_commit_callbacks(execute=True):  # sent from the outbox after commit
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


# Once per working day, from 08:00, however many ticks.


def reminder_subjects():
    return [message.subject for message in mail.outbox]


@pytest.mark.django_db
def test_the_tick_reminds_once_per_task_per_working_day_however_many_ticks(waiting, head_a):
    item = waiting("Chờ từ thứ Sáu", WEDNESDAY - timedelta(days=5))
    subject = REMINDER_SUBJECT.format(title=item.title)

    for hour, minute in [(8, 0), (8, 1), (9, 0), (16, 30), (23, 59)]:
        tick(now=datetime(2026, 12, 2, hour, minute, tzinfo=LOCAL))
    assert reminder_subjects() == [subject]
    assert [m.to for m in mail.outbox] == [[head_a.email]]

    tick(now=datetime(2026, 12, 3, 8, 0, tzinfo=LOCAL))  # Thursday: the next working day
    tick(now=datetime(2026, 12, 3, 8, 1, tzinfo=LOCAL))
    assert reminder_subjects() == [subject, subject]
    sent = ReminderSent.objects.order_by("sent_on").values_list("sent_on", flat=True)
    assert [str(day) for day in sent] == ["2026-12-02", "2026-12-03"]
    assert JobRun.objects.get(name="reminders").last_result == "0"


@pytest.mark.django_db
def test_no_reminder_before_eight_or_at_the_weekend(waiting):
    waiting("Chờ đã lâu", WEDNESDAY - timedelta(days=10))

    tick(now=datetime(2026, 12, 2, 7, 59, tzinfo=LOCAL))  # Wednesday, before 08:00
    tick(now=datetime(2026, 12, 5, 10, 0, tzinfo=LOCAL))  # Saturday
    tick(now=datetime(2026, 12, 6, 10, 0, tzinfo=LOCAL))  # Sunday
    assert mail.outbox == [] and not ReminderSent.objects.exists()

    tick(now=datetime(2026, 12, 7, 8, 0, tzinfo=LOCAL))  # Monday 08:00
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_reminder_recorded_by_another_tick_is_not_sent_again(waiting):
    item = waiting("Chờ đã lâu", WEDNESDAY - timedelta(days=10))
    task_state = current_task_state(item)
    # Another tick has recorded (and so is sending) today's reminder.
    ReminderSent.objects.create(task_state=task_state, sent_on=WEDNESDAY.date())

    assert send_once(task_state, WEDNESDAY.date()) is False
    assert queue_reminders(now=WEDNESDAY) == 0
    assert mail.outbox == []


# The Celery side.


@pytest.mark.django_db
def test_the_reminder_task_sends_and_returns_the_count(
    waiting, head_a, django_capture_on_commit_callbacks
):
    item = waiting("Chờ đã lâu", WEDNESDAY - timedelta(days=10))

    with django_capture_on_commit_callbacks(execute=True):  # sent from the outbox after commit
        assert send_review_reminders(now=WEDNESDAY.isoformat()) == 1
        assert send_review_reminders(now=WEDNESDAY.isoformat()) == 0  # once a day

    assert [m.to for m in mail.outbox] == [[head_a.email]]
    assert mail.outbox[0].subject == REMINDER_SUBJECT.format(title=item.title)
    assert JobRun.objects.get(name="reminders").last_succeeded_at is not None


def test_the_reminders_task_stays_registered_for_operators():
    from portal.celery import app

    app.loader.import_default_modules()  # what a worker does on start: autodiscover
    assert send_review_reminders.name in app.tasks
    # The beat schedule runs the scheduler's tick, which sends the reminders.
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks == {"cchc_news.tick"}
