"""Steps nobody can review: the CCHC office is told at once and may act in the head's place.

An item of an agency with no active head, or whose only head wrote it, used to wait at the
agency head's step for ever, and nobody was told. Now the office hears of it when the step
starts (or, for a head deactivated later, at the next scheduler tick), once; its members may
then act on that step in the head's place, which the item's history records. Reminders left
unanswered for CCHC_ESCALATE_AFTER_WORKING_DAYS working days are escalated to the office, once,
and the office may then act in the head's place too.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from cchc_news.models import NewsItemPage
from cchc_news.scheduler import tick
from tests.helpers import assert_denied

from .builders import draft_item, start_review, submit_through_admin
from .helpers import act, action_url, add_url, current_task_state, submit_form

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "Sở Tư pháp số hóa hồ sơ chứng thực"
HEAD_STEP = "Lãnh đạo đơn vị duyệt"
OFFICE_STEP = "Phòng CCHC thẩm định"
LEADERSHIP_STEP = "Lãnh đạo Sở phê duyệt"
NOBODY_SUBJECT = f"Không có ai duyệt được: {TITLE}"
ESCALATED_SUBJECT = f"Quá hạn duyệt, chuyển Phòng CCHC: {TITLE}"
STAND_IN = "cchc_workflows.stand_in"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submit(client, user, agency, topic, document, on_commit):
    with on_commit():
        response = submit_through_admin(client, user, agency, topic, document, title=TITLE)
    assert response.status_code == 302, response.content[:500]
    return NewsItemPage.objects.get(title=TITLE)


def subjects_to(user):
    return [message.subject for message in mail.outbox if message.to == [user.email]]


def office_alerts(item, reason=None):
    from workflows.models import OfficeAlert

    alerts = OfficeAlert.objects.filter(task_state__workflow_state__object_id=str(item.pk))
    return alerts.filter(reason=reason) if reason else alerts


# The office is told at once, with what, which agency and why.


def test_an_agency_without_heads_tells_the_office_at_once(
    client, editor_a, agency_a, topic, original_pdf, office_user, office_user_2, leader, on_commit
):
    item = submit(client, editor_a, agency_a, topic, original_pdf, on_commit)

    assert current_task_state(item).task.name == HEAD_STEP
    assert subjects_to(office_user) == [NOBODY_SUBJECT]
    assert subjects_to(office_user_2) == [NOBODY_SUBJECT]
    assert subjects_to(editor_a) == [] and subjects_to(leader) == []
    body = next(m.body for m in mail.outbox if m.to == [office_user.email])
    assert agency_a.name in body
    assert HEAD_STEP in body
    assert "không có lãnh đạo nào đang hoạt động" in body  # why nobody can review
    assert "thay lãnh đạo đơn vị" in body  # what the office may do
    assert f"http://127.0.0.1:8000/admin/pages/{item.pk}/edit/" in body
    assert office_alerts(item).count() == 1


def test_an_item_written_by_the_agencys_only_head_tells_the_office(
    client, head_a, agency_a, topic, original_pdf, office_user, on_commit
):
    item = submit(client, head_a, agency_a, topic, original_pdf, on_commit)

    assert subjects_to(office_user) == [NOBODY_SUBJECT]
    body = mail.outbox[0].body
    assert head_a.get_full_name() in body
    assert "là người viết hoặc gửi tin, bài này" in body
    assert subjects_to(head_a) == []
    assert current_task_state(item).task.name == HEAD_STEP


def test_an_item_with_an_eligible_head_does_not_alert_the_office(
    client, editor_a, head_a, agency_a, topic, original_pdf, office_user, on_commit
):
    item = submit(client, editor_a, agency_a, topic, original_pdf, on_commit)

    assert subjects_to(office_user) == []
    assert subjects_to(head_a) == [f"Chờ duyệt: {TITLE}"]
    assert not office_alerts(item).exists()
    tick(now=datetime(2026, 12, 2, 9, 0, tzinfo=LOCAL))
    assert subjects_to(office_user) == []


def test_a_head_deactivated_while_the_item_waits_is_found_by_the_tick(
    client, editor_a, head_a, agency_a, topic, original_pdf, office_user, on_commit
):
    item = submit(client, editor_a, agency_a, topic, original_pdf, on_commit)
    mail.outbox.clear()
    head_a.is_active = False
    head_a.save()

    for minute in range(3):
        tick(now=datetime(2026, 12, 5, 22, minute, tzinfo=LOCAL))  # any time, even a Saturday

    assert subjects_to(office_user) == [NOBODY_SUBJECT]
    assert office_alerts(item).count() == 1


def test_the_office_is_told_once_however_many_ticks(
    client, editor_a, agency_a, topic, original_pdf, office_user, on_commit
):
    item = submit(client, editor_a, agency_a, topic, original_pdf, on_commit)
    for day in (2, 3, 4):
        for hour in (8, 9, 17):
            tick(now=datetime(2026, 12, day, hour, 0, tzinfo=LOCAL))

    assert subjects_to(office_user).count(NOBODY_SUBJECT) == 1
    assert office_alerts(item, "no_reviewer").count() == 1


def test_an_alert_recorded_by_another_tick_is_not_sent_again(
    editor_a, agency_a, topic, office_user
):
    from workflows.escalation import alert_no_reviewer

    item = draft_item(agency_a, editor_a, title=TITLE, topic=topic)
    start_review(item, editor_a)
    task_state = current_task_state(item)
    assert office_alerts(item).count() == 1  # recorded with the task's start
    assert subjects_to(office_user).count(NOBODY_SUBJECT) == 1  # and e-mailed then
    mail.outbox.clear()

    assert alert_no_reviewer(task_state) is False
    tick(now=datetime(2026, 12, 2, 9, 0, tzinfo=LOCAL))
    assert mail.outbox == []


def test_a_member_who_turned_review_requests_off_is_not_told(
    client, editor_a, agency_a, topic, original_pdf, office_user, office_user_2, on_commit
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(office_user)
    profile.submitted_notifications = False
    profile.save()

    submit(client, editor_a, agency_a, topic, original_pdf, on_commit)

    assert subjects_to(office_user) == []
    assert subjects_to(office_user_2) == [NOBODY_SUBJECT]


# The office acts in the head's place, by HTTP, and the history says so.


def test_the_office_acts_in_the_heads_place_and_the_history_records_it(
    client, editor_a, agency_a, topic, original_pdf, office_user, office_user_2, on_commit
):
    item = submit(client, editor_a, agency_a, topic, original_pdf, on_commit)
    task_state = current_task_state(item)

    # The step is in the office's waiting list, and its review screen offers the decisions.
    client.force_login(office_user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert TITLE in home
    review = reverse("cchc_review", args=(item.pk,))
    assert review in home
    assert action_url(item, "approve", task_state) in client.get(review).content.decode()

    with on_commit():
        response = act(client, office_user, item, "approve", comment="Đơn vị chưa có lãnh đạo.")
    assert response.status_code == 302

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == office_user
    assert current_task_state(item).task.name == OFFICE_STEP
    entry = PageLogEntry.objects.get(page=item, action=STAND_IN)
    assert entry.user == office_user
    assert entry.data["task_state_id"] == task_state.pk
    assert entry.data["reason"] == "no_reviewer"

    history = client.get(reverse("wagtailadmin_pages:history", args=[item.pk]))
    assert history.status_code == 200
    assert "Duyệt thay lãnh đạo đơn vị" in history.content.decode()
    assert "không có lãnh đạo đơn vị nào duyệt được" in history.content.decode()


def test_the_office_sends_an_orphan_back_in_the_heads_place(
    client, editor_a, agency_a, topic, original_pdf, office_user, on_commit
):
    item = submit(client, editor_a, agency_a, topic, original_pdf, on_commit)

    with on_commit():
        response = act(client, office_user, item, "reject", comment="Thiếu số liệu.")

    assert response.status_code == 302
    assert item.workflow_states.get().status == "needs_changes"
    entry = PageLogEntry.objects.get(page=item, action=STAND_IN)
    assert entry.data["action"] == "reject"
    client.force_login(office_user)
    history = client.get(reverse("wagtailadmin_pages:history", args=[item.pk])).content.decode()
    assert "Yêu cầu chỉnh sửa thay lãnh đạo đơn vị" in history


def test_an_office_member_who_wrote_the_item_cannot_stand_in(
    client, office_user, office_user_2, agency_a, topic, original_pdf, on_commit
):
    # The office may write under any agency; with no head there, another office member acts.
    item = submit(client, office_user, agency_a, topic, original_pdf, on_commit)
    assert subjects_to(office_user) == []  # the author is not asked to stand in for the head
    assert subjects_to(office_user_2) == [NOBODY_SUBJECT]

    assert_denied(act(client, office_user, item, "approve"))
    assert current_task_state(item).task.name == HEAD_STEP
    assert act(client, office_user_2, item, "approve").status_code == 302
    assert current_task_state(item).task.name == OFFICE_STEP


def test_the_office_can_no_longer_act_once_a_head_is_appointed(
    client, editor_a, agency_a, topic, original_pdf, office_user, make_user, on_commit
):
    item = submit(client, editor_a, agency_a, topic, original_pdf, on_commit)
    new_head = make_user("head_a_new", agency_a.heads_group)

    assert_denied(act(client, office_user, item, "approve"))
    client.force_login(office_user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert action_url(item, "approve", current_task_state(item)) not in home
    assert act(client, new_head, item, "approve").status_code == 302
    assert not PageLogEntry.objects.filter(page=item, action=STAND_IN).exists()


# Who may act on step 1: role × (orphan, item with an eligible head), through the admin.

STEP1_MATRIX = {
    # role: (orphan: the only head wrote it, normal: an editor wrote it and the head may act)
    "office": (True, False),
    "head": (False, True),
    "other_head": (False, False),
    "editor": (False, False),
}


@pytest.fixture
def step1_items(client, editor_a, head_a, agency_a, topic, original_pdf, on_commit):
    """Two items of agency A at step 1: `orphan` written by its only head, `normal` by an editor."""
    client.force_login(head_a)
    with on_commit():
        client.post(add_url(agency_a.index_page), submit_form(topic, original_pdf, title="Mồ côi"))
    client.force_login(editor_a)
    with on_commit():
        client.post(
            add_url(agency_a.index_page), submit_form(topic, original_pdf, title="Bình thường")
        )
    client.logout()
    return {
        "orphan": NewsItemPage.objects.get(title="Mồ côi"),
        "normal": NewsItemPage.objects.get(title="Bình thường"),
    }


@pytest.mark.parametrize("kind", ["orphan", "normal"])
@pytest.mark.parametrize("role", list(STEP1_MATRIX))
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_step1_matrix(
    client, step1_items, role, kind, action, office_user, head_a, head_b, editor_a
):
    user = {"office": office_user, "head": head_a, "other_head": head_b, "editor": editor_a}[role]
    allowed = STEP1_MATRIX[role][0 if kind == "orphan" else 1]
    item = step1_items[kind]
    task_state = current_task_state(item)

    client.force_login(user)
    listed = TaskState.objects.reviewable_by(user).filter(pk=task_state.pk).exists()
    response = act(client, user, item, action, comment="Ý kiến")

    task_state.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert task_state.status != TaskState.STATUS_IN_PROGRESS
        assert listed
    else:
        assert_denied(response)
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
        assert not listed
    stood_in = PageLogEntry.objects.filter(page=item, action=STAND_IN).exists()
    assert stood_in == (allowed and role == "office")


def test_a_task_state_of_another_item_cannot_be_acted_on_through_an_orphans_url(
    client, step1_items, office_user
):
    # The orphan's URL, the normal item's task state: the office may not act on the latter.
    orphan, normal = step1_items["orphan"], step1_items["normal"]
    normal_state = current_task_state(normal)
    client.force_login(office_user)
    response = client.post(action_url(orphan, "approve", normal_state), {})
    assert_denied(response) if response.status_code != 500 else pytest.fail("server error")
    normal_state.refresh_from_db()
    assert normal_state.status == TaskState.STATUS_IN_PROGRESS


# Escalation of unanswered reminders.

# Monday 23 November 2026, 09:00: the item starts waiting for its head.
STARTED = datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL)


@pytest.fixture
def waiting(editor_a, head_a, agency_a, topic):
    """An item at the head's step since STARTED, with an eligible head who does not answer."""
    item = draft_item(agency_a, editor_a, title=TITLE, topic=topic)
    start_review(item, editor_a)
    TaskState.objects.filter(pk=current_task_state(item).pk).update(started_at=STARTED)
    mail.outbox.clear()
    return item


def working_mornings(first, last):
    """08:00 and 15:00 of every day from `first` to `last` (dates), weekends included."""
    day = first
    while day <= last:
        for hour in (8, 15):
            yield datetime(day.year, day.month, day.day, hour, 0, tzinfo=LOCAL)
        day += timedelta(days=1)


def escalations(user):
    return subjects_to(user).count(ESCALATED_SUBJECT)


def ticks_until(last, first=None):
    for moment in working_mornings(first or STARTED.date(), last):
        tick(now=moment)


def test_unanswered_reminders_are_escalated_after_three_working_days_once(
    client, waiting, head_a, office_user, office_user_2
):
    # First reminder Wednesday 25/11 (two working days); three working days later is Monday 30/11.
    ticks_until(datetime(2026, 11, 27).date())  # up to Friday
    assert f"Nhắc việc: tin, bài vẫn chờ duyệt: {TITLE}" in subjects_to(head_a)
    assert escalations(office_user) == 0
    assert_denied(act(client, office_user, waiting, "approve"))  # not before escalation

    ticks_until(datetime(2026, 11, 30).date(), first=datetime(2026, 11, 28).date())
    assert escalations(office_user) == 1 and escalations(office_user_2) == 1
    assert escalations(head_a) == 0
    body = next(m.body for m in mail.outbox if m.subject == ESCALATED_SUBJECT)
    assert "23/11/2026" in body and "25/11/2026" in body  # waiting since, reminded since
    assert head_a.get_full_name() in body  # who was reminded
    assert waiting.agency.name in body

    ticks_until(datetime(2026, 12, 4).date(), first=datetime(2026, 12, 1).date())
    assert escalations(office_user) == 1  # once per task, however many ticks
    assert office_alerts(waiting, "overdue").count() == 1

    # After escalation the office may act in the head's place (and the head still may).
    response = act(client, office_user, waiting, "approve")
    assert response.status_code == 302
    entry = PageLogEntry.objects.get(page=waiting, action=STAND_IN)
    assert entry.data["reason"] == "overdue"
    history = client.get(reverse("wagtailadmin_pages:history", args=[waiting.pk])).content.decode()
    assert "quá hạn" in history


def test_escalation_is_not_before_n_working_days(waiting, office_user):
    # Monday 30/11 07:59 (before the working day starts) and the weekend before: nothing yet.
    ticks_until(datetime(2026, 11, 29).date())
    tick(now=datetime(2026, 11, 30, 7, 59, tzinfo=LOCAL))
    assert escalations(office_user) == 0
    tick(now=datetime(2026, 11, 30, 8, 0, tzinfo=LOCAL))
    assert escalations(office_user) == 1


@override_settings(CCHC_ESCALATE_AFTER_WORKING_DAYS=1)
def test_the_escalation_delay_is_a_setting(waiting, office_user):
    ticks_until(datetime(2026, 11, 25).date())  # first reminder on Wednesday
    assert escalations(office_user) == 0
    ticks_until(datetime(2026, 11, 26).date(), first=datetime(2026, 11, 26).date())
    assert escalations(office_user) == 1


def test_a_missed_tick_is_made_up_by_the_next(waiting, office_user):
    ticks_until(datetime(2026, 11, 25).date())  # the first reminder, then the scheduler stops
    tick(now=datetime(2026, 12, 3, 11, 0, tzinfo=LOCAL))  # back a week later
    tick(now=datetime(2026, 12, 3, 11, 1, tzinfo=LOCAL))
    assert escalations(office_user) == 1


def test_an_answered_reminder_is_not_escalated(client, waiting, head_a, office_user):
    ticks_until(datetime(2026, 11, 26).date())
    assert act(client, head_a, waiting, "approve").status_code == 302
    ticks_until(datetime(2026, 12, 4).date(), first=datetime(2026, 11, 27).date())
    # The office step is the office's own: its delays are reminded, not escalated to itself.
    assert escalations(office_user) == 0


def test_the_leaderships_delay_is_escalated_but_the_office_cannot_sign_off(
    client, waiting, head_a, office_user, office_user_2, leader
):
    assert act(client, head_a, waiting, "approve").status_code == 302
    assert act(client, office_user_2, waiting, "approve").status_code == 302
    assert current_task_state(waiting).task.name == LEADERSHIP_STEP
    TaskState.objects.filter(pk=current_task_state(waiting).pk).update(started_at=STARTED)

    ticks_until(datetime(2026, 12, 1).date())
    assert escalations(office_user) == 1
    assert_denied(act(client, office_user, waiting, "approve"))
    assert current_task_state(waiting).task.name == LEADERSHIP_STEP


def test_a_leadership_step_nobody_can_sign_off_is_told_but_not_taken_over(
    client, waiting, head_a, office_user, office_user_2, on_commit
):
    # No active member in the leadership group: the office hears of it, and may not sign off.
    assert act(client, head_a, waiting, "approve").status_code == 302
    with on_commit():
        assert act(client, office_user_2, waiting, "approve").status_code == 302
    assert current_task_state(waiting).task.name == LEADERSHIP_STEP

    message = next(m for m in mail.outbox if m.to == [office_user.email])
    assert message.subject == NOBODY_SUBJECT
    assert "nhóm Lãnh đạo Sở không có tài khoản nào đang hoạt động" in message.body
    assert "Phòng CCHC không được xử lý thay ở bước này" in message.body
    assert subjects_to(office_user_2) == [NOBODY_SUBJECT]  # the actor is an office member too
    assert_denied(act(client, office_user, waiting, "approve"))
    assert current_task_state(waiting).task.name == LEADERSHIP_STEP
