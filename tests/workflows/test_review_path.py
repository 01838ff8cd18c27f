"""The whole review path through the admin, as the real users."""

import pytest
from django.core import mail
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cchc_news.models import NewsItemPage
from tests.helpers import assert_denied

from .helpers import act, add_url, current_task_state, edit_url, submit_form

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def submitted(
    client, editor_a, agency_a, topic, original_pdf, head_a, django_capture_on_commit_callbacks
):
    client.force_login(editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(agency_a.index_page), submit_form(topic, original_pdf))
    assert response.status_code == 302
    return NewsItemPage.objects.get()


def task_names(page):
    return current_task_state(page).task.name


def test_full_path_editor_head_office_leadership(
    client,
    submitted,
    head_a,
    head_b,
    office_user,
    leader,
    editor_a,
    django_capture_on_commit_callbacks,
):
    item = submitted
    assert item.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
    assert task_names(item) == "Lãnh đạo đơn vị duyệt"

    # The head of another agency can neither see nor act.
    assert_denied(act(client, head_b, item, "approve"))
    client.force_login(head_b)
    assert_denied(client.get(edit_url(item)))
    assert task_names(item) == "Lãnh đạo đơn vị duyệt"

    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, head_a, item, "approve").status_code == 302
    assert task_names(item) == "Phòng CCHC thẩm định"

    with django_capture_on_commit_callbacks(execute=True):
        act(client, office_user, item, "approve", comment="Đã biên tập lại tiêu đề.")
    assert task_names(item) == "Lãnh đạo Sở phê duyệt"

    with django_capture_on_commit_callbacks(execute=True):
        act(client, leader, item, "approve")
    item.refresh_from_db()
    assert item.live
    assert item.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert client.get(item.url).status_code == 200

    actions = list(
        PageLogEntry.objects.filter(page=item)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions.count("wagtail.workflow.approve") == 3
    assert "wagtail.workflow.start" in actions and "wagtail.publish" in actions


def test_request_changes_returns_to_editor_and_resubmission_resumes(
    client,
    submitted,
    head_a,
    office_user,
    editor_a,
    topic,
    original_pdf,
    django_capture_on_commit_callbacks,
):
    item = submitted
    act(client, head_a, item, "approve")
    with django_capture_on_commit_callbacks(execute=True):
        act(client, office_user, item, "reject", comment="Bổ sung số liệu quý III.")
    workflow_state = item.workflow_states.get()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The editor sees the comment in the editor and can edit again.
    client.force_login(editor_a)
    response = client.get(edit_url(item))
    assert response.status_code == 200
    assert "Bổ sung số liệu quý III." in response.content.decode()

    # Resubmitting resumes at the step that asked for changes.
    data = submit_form(topic, original_pdf, title="Có số liệu quý III", slug=item.slug)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(item), data)
    assert response.status_code == 302
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert task_names(item) == "Phòng CCHC thẩm định"
    assert TaskState.objects.filter(workflow_state=workflow_state).count() == 3


def test_nobody_approves_their_own_item(
    client, make_user, agency_a, topic, original_pdf, head_a, django_capture_on_commit_callbacks
):
    # A head writes an item under their own agency: another head must approve it.
    client.force_login(head_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(add_url(agency_a.index_page), submit_form(topic, original_pdf))
    item = NewsItemPage.objects.get()
    assert_denied(act(client, head_a, item, "approve"))
    other_head = make_user("head_a2", agency_a.heads_group)
    assert act(client, other_head, item, "approve").status_code == 302
    assert task_names(item) == "Phòng CCHC thẩm định"


def test_mails_go_to_the_right_people(
    client, submitted, head_a, office_user, leader, editor_a, django_capture_on_commit_callbacks
):
    item = submitted
    assert [m.to for m in mail.outbox] == [[head_a.email]]
    assert "Lãnh đạo đơn vị duyệt" in mail.outbox[0].body
    assert f"http://127.0.0.1:8000/admin/pages/{item.pk}/edit/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, head_a, item, "approve")
    assert [m.to for m in mail.outbox] == [[office_user.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, office_user, item, "approve", comment="Sửa tít cho gọn.")
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == sorted([(editor_a.email,), (leader.email,)])
    to_editor = next(m for m in mail.outbox if m.to == [editor_a.email])
    assert "Sửa tít cho gọn." in to_editor.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, leader, item, "reject", comment="Chưa đủ căn cứ.")
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {editor_a.email, head_a.email, office_user.email}
    assert "Chưa đủ căn cứ." in by_recipient[editor_a.email].body
    assert "Chưa đủ căn cứ." in by_recipient[head_a.email].body
