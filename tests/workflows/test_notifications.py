"""E-mail notifications of the review: after commit, to the right people, never breaking an action.

Only the SMTP backend and the broker are replaced, by a failing backend and an unreachable
Redis; everything else is the product's own code, driven through the admin.
"""

import logging

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, Site, WorkflowState
from wagtail.users.models import UserProfile

from cchc_news.models import NewsItemPage, OutboxEmail, OutboxNotice
from cchc_news.scheduler import tick
from workflows import notifications

from .builders import submit_through_admin
from .failing_backend import FailingEmailBackend
from .helpers import act, current_task_state

pytestmark = pytest.mark.django_db

TITLE = "Sở Tư pháp trả kết quả lý lịch tư pháp qua bưu điện"
HEAD_STEP = "Lãnh đạo đơn vị duyệt"
OFFICE_STEP = "Phòng CCHC thẩm định"
LEADERSHIP_STEP = "Lãnh đạo Sở phê duyệt"
FAILING_BACKEND = "tests.workflows.failing_backend.FailingEmailBackend"


class Rollback(Exception):
    pass


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what was queued for after commit, as the end of a real request's transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def submitted(client, editor_a, agency_a, topic, original_pdf, head_a, on_commit):
    with on_commit():
        response = submit_through_admin(
            client, editor_a, agency_a, topic, original_pdf, title=TITLE
        )
    assert response.status_code == 302
    return NewsItemPage.objects.get()


@pytest.fixture
def at_leadership(client, submitted, head_a, office_user, leader, on_commit):
    """The item approved by the agency head and the office, waiting for the leadership."""
    with on_commit():
        act(client, head_a, submitted, "approve")
        act(client, office_user, submitted, "approve")
    assert current_task_state(submitted).task.name == LEADERSHIP_STEP
    mail.outbox.clear()
    return submitted


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def only_mail_to(user):
    messages = mails_to(user)
    assert len(messages) == 1, [(m.to, m.subject) for m in mail.outbox]
    return messages[0]


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


# Failures never break the moderation action.


def test_an_smtp_failure_does_not_fail_the_approval(
    client, submitted, head_a, office_user, on_commit, caplog
):
    mail.outbox.clear()
    FailingEmailBackend.attempts = 0
    with (
        override_settings(EMAIL_BACKEND=FAILING_BACKEND),
        caplog.at_level(logging.ERROR, logger="workflows.notifications"),
        on_commit(),
    ):
        response = act(client, head_a, submitted, "approve")

    assert response.status_code == 302
    assert current_task_state(submitted).task.name == OFFICE_STEP
    assert FailingEmailBackend.attempts == 1  # the office was to be told, and sending failed
    assert mail.outbox == []
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert any(office_user.email in r.getMessage() for r in failures), caplog.text
    assert any("SMTPException" in (r.exc_text or "") for r in failures), caplog.text


def test_mails_are_sent_only_after_the_transaction_commits(
    client, submitted, head_a, office_user, on_commit
):
    mail.outbox.clear()

    # Rolled back: the approval never happened, and nobody hears about it.
    with on_commit() as callbacks:
        try:
            with transaction.atomic():
                assert act(client, head_a, submitted, "approve").status_code == 302
                assert mail.outbox == []
                raise Rollback
        except Rollback:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert current_task_state(submitted).task.name == HEAD_STEP

    # Committed: the mail leaves once the outermost transaction commits, not before.
    with on_commit():
        with transaction.atomic():
            act(client, head_a, submitted, "approve")
        assert mail.outbox == []  # the test's own transaction is still open here
    assert recipients() == [office_user.email]


# Who hears about what.


def test_approve_with_comment_mails_the_author_the_comment(
    client, submitted, head_a, office_user, leader, editor_a, on_commit
):
    mail.outbox.clear()
    with on_commit():
        act(client, head_a, submitted, "approve")  # a plain approval
    assert mails_to(editor_a) == []
    assert recipients() == [office_user.email]

    mail.outbox.clear()
    with on_commit():
        act(client, office_user, submitted, "approve", comment="Đã rút gọn tiêu đề cho gọn.")

    to_author = only_mail_to(editor_a)
    assert to_author.subject == f"Đã duyệt kèm ý kiến: {TITLE}"
    assert "Đã rút gọn tiêu đề cho gọn." in to_author.body
    assert OFFICE_STEP in to_author.body
    assert mails_to(office_user) == []  # the actor is not told of their own action
    assert recipients() == sorted([editor_a.email, leader.email])


def test_rejection_at_the_last_step_mails_the_author_and_earlier_approvers(
    client, at_leadership, head_a, office_user, leader, editor_a, on_commit
):
    comment = "Chưa nêu rõ số hồ sơ đã giải quyết trong quý."
    with on_commit():
        response = act(client, leader, at_leadership, "reject", comment=comment)

    assert response.status_code == 302
    assert at_leadership.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    assert recipients() == sorted([editor_a.email, head_a.email, office_user.email])
    to_author = only_mail_to(editor_a)
    assert to_author.subject == f"Yêu cầu chỉnh sửa: {TITLE}"
    for approver in (head_a, office_user):
        message = only_mail_to(approver)
        assert message.subject == f"Tin, bài anh/chị đã duyệt bị trả lại: {TITLE}"
        assert comment in message.body
        assert LEADERSHIP_STEP in message.body
    assert comment in to_author.body
    assert mails_to(leader) == []


def test_final_approval_mails_the_author_an_absolute_public_link(
    client, at_leadership, leader, editor_a, on_commit
):
    with on_commit():
        act(client, leader, at_leadership, "approve")

    at_leadership.refresh_from_db()
    assert at_leadership.live
    message = only_mail_to(editor_a)
    assert message.subject == f"Đã đăng: {TITLE}"
    public_url = f"http://127.0.0.1:8000{at_leadership.url}"
    assert at_leadership.url.startswith("/cai-cach-hanh-chinh/")
    assert public_url in message.body
    assert client.get(at_leadership.url).status_code == 200
    assert mails_to(leader) == []


# Broker down: the action stays fast and the mail is kept in the outbox, for the next tick.


def test_with_the_broker_down_the_mail_waits_in_the_outbox_for_the_tick(
    client, submitted, head_a, office_user, on_commit, unreachable_broker, caplog
):
    mail.outbox.clear()
    with caplog.at_level(logging.WARNING, logger="cchc_news.broker"), on_commit():
        response = act(client, head_a, submitted, "approve")

    assert response.status_code == 302
    assert current_task_state(submitted).task.name == OFFICE_STEP
    assert "Broker unreachable" in caplog.text
    assert mail.outbox == []  # not sent by the request: the worker would have sent it
    assert OutboxNotice.objects.filter(source="workflows.review_requested").count() == 1

    tick()  # the scheduler's next tick
    assert recipients() == [office_user.email]
    assert OutboxNotice.objects.count() == 0
    to_office = OutboxEmail.objects.filter(to=[office_user.email])
    assert list(to_office.values_list("status", flat=True)) == ["sent"]
    tick()
    assert recipients() == [office_user.email]  # once


# Each recipient's own settings.


def test_users_who_turned_a_notification_off_get_no_mail(
    client, make_user, agency_a, editor_a, topic, original_pdf, head_a, on_commit
):
    other_head = make_user("head_a2", agency_a.heads_group)
    profile = UserProfile.get_for_user(head_a)
    profile.submitted_notifications = False
    profile.save()
    author_profile = UserProfile.get_for_user(editor_a)
    author_profile.rejected_notifications = False
    author_profile.save()

    with on_commit():
        submit_through_admin(client, editor_a, agency_a, topic, original_pdf, title=TITLE)
    item = NewsItemPage.objects.get()
    assert recipients() == [other_head.email]

    mail.outbox.clear()
    with on_commit():
        act(client, other_head, item, "reject", comment="Bổ sung ảnh minh họa.")
    assert item.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    assert mail.outbox == []


def test_mails_are_written_in_each_recipients_language(
    client, submitted, head_a, office_user, office_user_2, on_commit
):
    profile = UserProfile.get_for_user(office_user)
    profile.preferred_language = "en"
    profile.save()
    mail.outbox.clear()

    with on_commit():
        act(client, head_a, submitted, "approve")

    english = only_mail_to(office_user)
    assert english.subject == f"Awaiting your review: {TITLE}"
    assert f"is awaiting your review at the step “{OFFICE_STEP}”" in english.body
    vietnamese = only_mail_to(office_user_2)
    assert vietnamese.subject == f"Chờ duyệt: {TITLE}"


def test_a_notice_that_is_already_out_of_date_is_not_sent(client, submitted, head_a):
    """A review request sent late (a queued task) is dropped once the step was acted on."""
    task_state = current_task_state(submitted)
    act(client, head_a, submitted, "approve")  # its own mails are never run here
    mail.outbox.clear()

    assert notifications.build_event("review_requested", {"task_state_id": task_state.pk}) == []


def test_mails_are_plain_text_without_html_escaping(
    client, editor_a, agency_a, topic, original_pdf, head_a, on_commit
):
    title = 'Hội nghị "Dân vận khéo" & cải cách hành chính'
    with on_commit():
        submit_through_admin(client, editor_a, agency_a, topic, original_pdf, title=title)
    item = NewsItemPage.objects.get()
    message = only_mail_to(head_a)
    assert message.subject == f"Chờ duyệt: {title}"
    assert title in message.body

    mail.outbox.clear()
    comment = "Sửa tiêu đề: bỏ dấu <>, giữ \"Dân vận khéo\" & số liệu 'quý III'."
    with on_commit():
        act(client, head_a, item, "reject", comment=comment)
    to_author = only_mail_to(editor_a)
    assert comment in to_author.body
    assert "&amp;" not in to_author.body and "&quot;" not in to_author.body


def test_the_published_link_stays_well_formed_when_the_portal_serves_several_sites(
    client, at_leadership, leader, editor_a, on_commit
):
    # A second site (e.g. an English portal) makes Wagtail return full URLs, not paths.
    other_root = Page.get_first_root_node().add_child(title="English portal", slug="en-portal")
    Site.objects.create(hostname="en.example.gov.vn", port=443, root_page=other_root)

    with on_commit():
        act(client, leader, at_leadership, "approve")

    at_leadership.refresh_from_db()
    body = only_mail_to(editor_a).body
    links = [word for word in body.split() if "/cai-cach-hanh-chinh/" in word]
    assert links == [at_leadership.full_url]
    assert links[0].count("://") == 1
