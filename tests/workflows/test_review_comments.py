"""Sending back ("Yêu cầu chỉnh sửa") and "Duyệt kèm ý kiến" need a comment; "Duyệt" does not.

Through each way the admin offers: the workflow action modal (XHR), a direct POST to the
action's URL, and the editor's footer menu (which posts the action with the page form).
"""

import json

import pytest
from wagtail.models import TaskState
from wagtail.test.utils.form_data import rich_text

from cchc_news.models import NewsItemPage
from cchc_news.models.news_item import BODY_FEATURES
from tests.admin_forms import news_item_form

from .builders import act_on, draft_item, start_review
from .helpers import action_url, current_task_state, edit_url

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
REJECT_ERROR = "Ghi rõ nội dung cần chỉnh sửa để người viết biết phải sửa gì."
APPROVE_ERROR = "Nhập ý kiến kèm theo, hoặc chọn “Duyệt” nếu không có ý kiến."


def page_form(item, **extra):
    """The form as the editor posts it back: the stored body keeps its block keys."""
    return news_item_form(
        title=item.title,
        body=rich_text(item.body, features=BODY_FEATURES),
        slug=item.slug,
        topic=item.topic,
        original_file=item.original_file_id,
        **extra,
    )


@pytest.fixture
def in_review(client, agency_a, editor_a, topic, original_pdf):
    """An item saved once through the editor's form, so that posting it again changes nothing."""
    item = draft_item(agency_a, editor_a, topic=topic, original_file=original_pdf)
    client.force_login(editor_a)
    first = news_item_form(
        title=item.title, slug=item.slug, topic=topic, original_file=original_pdf.pk
    )
    assert client.post(edit_url(item), first).status_code == 302
    item = NewsItemPage.objects.get(pk=item.pk)
    start_review(item, editor_a)
    client.logout()
    return NewsItemPage.objects.get(pk=item.pk)


def status(task_state):
    return TaskState.objects.get(pk=task_state.pk).status


def modal_post(client, user, item, action, data):
    client.force_login(user)
    task_state = current_task_state(item)
    response = client.post(action_url(item, action, task_state), data, **XHR)
    assert response.status_code == 200
    return task_state, json.loads(response.content)


@pytest.mark.parametrize(
    ("action", "error"), [("reject", REJECT_ERROR), ("approve_with_comment", APPROVE_ERROR)]
)
@pytest.mark.parametrize("comment", ["", "   "])
def test_modal_shows_the_error_and_does_not_act(client, in_review, head_a, action, error, comment):
    task_state, answer = modal_post(client, head_a, in_review, action, {"comment": comment})
    assert answer["step"] == "action"  # the modal stays open with the form
    assert error in answer["html"]
    assert status(task_state) == TaskState.STATUS_IN_PROGRESS


def test_modal_offers_the_comment_as_required(client, in_review, head_a):
    client.force_login(head_a)
    task_state = current_task_state(in_review)
    response = client.get(action_url(in_review, "reject", task_state), **XHR)
    html = json.loads(response.content)["html"]
    assert "Nội dung cần chỉnh sửa" in html
    assert "required" in html


@pytest.mark.parametrize("action", ["reject", "approve_with_comment"])
def test_direct_post_without_comment_does_not_act(client, in_review, head_a, action):
    client.force_login(head_a)
    task_state = current_task_state(in_review)
    client.post(action_url(in_review, action, task_state), {})
    assert status(task_state) == TaskState.STATUS_IN_PROGRESS
    client.post(action_url(in_review, action, task_state), {"comment": " "})
    assert status(task_state) == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("action", ["reject", "approve_with_comment"])
def test_editor_menu_action_without_comment_does_not_act(client, in_review, head_a, action):
    """The footer menu posts the page form, the action and the modal's data as JSON."""
    client.force_login(head_a)
    task_state = current_task_state(in_review)
    revisions = in_review.revisions.count()
    data = page_form(
        in_review,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": ""}),
        },
    )
    client.post(edit_url(in_review), data)
    assert in_review.revisions.count() == revisions  # nothing changed: the head is no author
    assert status(task_state) == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize(
    ("action", "expected"),
    [("reject", TaskState.STATUS_REJECTED), ("approve_with_comment", TaskState.STATUS_APPROVED)],
)
def test_with_a_comment_the_action_happens(client, in_review, head_a, action, expected):
    task_state, answer = modal_post(
        client, head_a, in_review, action, {"comment": "  Bổ sung số liệu quý III.  "}
    )
    assert answer["step"] == "success"
    task_state = TaskState.objects.get(pk=task_state.pk)
    assert task_state.status == expected
    assert task_state.comment == "Bổ sung số liệu quý III."
    assert task_state.finished_by == head_a


def test_plain_approval_needs_no_comment(client, in_review, head_a):
    client.force_login(head_a)
    task_state = current_task_state(in_review)
    assert client.post(action_url(in_review, "approve", task_state), {}).status_code == 302
    assert status(task_state) == TaskState.STATUS_APPROVED


def test_reviewers_menu_offers_the_three_actions(client, in_review, head_a):
    client.force_login(head_a)
    html = client.get(edit_url(in_review)).content.decode()
    for action in ("reject", "approve", "approve_with_comment"):
        assert f'data-workflow-action-name="{action}"' in html
    assert "Duyệt kèm ý kiến" in html


def test_at_the_last_step_both_approvals_say_they_publish(
    client, in_review, head_a, office_user, leader
):
    act_on(in_review, head_a, "approve")
    act_on(in_review, office_user, "approve")
    client.force_login(leader)
    menu = client.get(edit_url(in_review)).context["action_menu"]
    labels = {item.name: (str(item.label), item.icon_name) for item in menu.menu_items}
    labels[menu.default_item.name] = (str(menu.default_item.label), menu.default_item.icon_name)
    assert labels["approve"] == ("Duyệt và đăng", "success")
    assert labels["approve_with_comment"] == ("Duyệt kèm ý kiến và đăng", "success")


# Bidirectional control characters (cchc_news.text_safety) never reach the author's comment.

RLO = "\u202e"


@pytest.mark.parametrize("action", ["reject", "approve", "approve_with_comment"])
def test_the_comment_loses_its_bidirectional_controls(client, in_review, head_a, action):
    task_state, answer = modal_post(
        client, head_a, in_review, action, {"comment": f"Bổ sung {RLO}số liệu quý III."}
    )
    assert answer["step"] == "success"
    assert TaskState.objects.get(pk=task_state.pk).comment == "Bổ sung số liệu quý III."


def test_a_comment_of_controls_only_is_no_comment(client, in_review, head_a):
    task_state, answer = modal_post(client, head_a, in_review, "reject", {"comment": RLO * 2})
    assert answer["step"] != "success"
    assert status(task_state) == TaskState.STATUS_IN_PROGRESS


def test_the_editor_menus_comment_loses_them_too(client, in_review, head_a):
    client.force_login(head_a)
    task_state = current_task_state(in_review)
    data = page_form(
        in_review,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": f"Sửa {RLO}tiêu đề."}),
        },
    )
    client.post(edit_url(in_review), data)
    task_state = TaskState.objects.get(pk=task_state.pk)
    assert (task_state.status, task_state.comment) == (TaskState.STATUS_REJECTED, "Sửa tiêu đề.")
