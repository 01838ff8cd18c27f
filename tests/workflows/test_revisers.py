"""Whoever rewrote the item under review is one of its authors: they may not approve it.

The authors of what is under review are the item's owner, the submitter, whoever created a
revision of the item since the current review started, and whoever created the revision the
current task state points to. They may not approve or send back at any step, are not asked
to review it, and do not find it in their "awaiting your review" lists.
"""

import json

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from wagtail.models import TaskState
from wagtail.test.utils.form_data import inline_formset, rich_text

from cchc_news.models import NewsItemPage
from cchc_news.models.news_item import BODY_FEATURES
from tests.admin_forms import news_item_form
from tests.helpers import assert_denied
from workflows.models import authors_of

from .builders import act_on, draft_item, start_review
from .helpers import action_url, current_task_state, edit_url

pytestmark = pytest.mark.django_db

REWRITTEN = "Tiêu đề do lãnh đạo viết lại"


@pytest.fixture
def head_a2(make_user, agency_a):
    return make_user("head_a2", agency_a.heads_group)


@pytest.fixture
def make_item(agency_a, editor_a, topic, original_pdf):
    def make(title="Tin của chuyên viên", agency=None, owner=None, document=None):
        return draft_item(
            agency or agency_a,
            owner or editor_a,
            title=title,
            topic=topic,
            original_file=document or original_pdf,
        )

    return make


@pytest.fixture
def in_review(make_item, editor_a):
    item = make_item()
    start_review(item, editor_a)
    return NewsItemPage.objects.get(pk=item.pk)


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def edit_as(client, user, item, title=REWRITTEN, **extra):
    """Save a changed draft of `item` through the admin's editor as `user`."""
    client.force_login(user)
    item = fresh(item)
    data = news_item_form(
        title=title,
        slug=item.slug,
        topic=item.topic,
        original_file=item.original_file_id,
        **extra,
    )
    return client.post(edit_url(item), data)


def approve_as(client, user, item, task_state=None, url_item=None):
    client.force_login(user)
    task_state = task_state or current_task_state(item)
    return client.post(action_url(url_item or item, "approve", task_state), {})


def test_head_who_rewrote_the_item_may_not_approve_it(client, in_review, head_a, head_a2):
    assert edit_as(client, head_a, in_review).status_code == 302
    assert fresh(in_review).get_latest_revision().user == head_a
    task_state = current_task_state(in_review)

    assert_denied(approve_as(client, head_a, in_review))
    assert fresh(task_state).status == TaskState.STATUS_IN_PROGRESS
    client.force_login(head_a)
    assert_denied(client.post(action_url(in_review, "reject", task_state), {"comment": "Sửa."}))
    assert fresh(task_state).status == TaskState.STATUS_IN_PROGRESS

    # The editor's action menu no longer offers the review actions to the reviser.
    response = client.get(edit_url(in_review))
    assert response.status_code == 200
    assert 'data-workflow-action-name="approve"' not in response.content.decode()

    # Another head of the agency may.
    assert approve_as(client, head_a2, in_review).status_code == 302
    task_state = fresh(task_state)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == head_a2


def test_reviser_cannot_approve_with_a_forged_task_state(
    client, make_item, editor_a, in_review, head_a, head_a2
):
    """The URL names an item the head may approve, and the task state of the rewritten one."""
    other = make_item(title="Tin khác của cơ quan")
    start_review(other, editor_a)
    assert edit_as(client, head_a, in_review).status_code == 302
    rewritten_state = current_task_state(in_review)

    response = approve_as(client, head_a, in_review, task_state=rewritten_state, url_item=other)
    assert_denied(response)
    assert fresh(rewritten_state).status == TaskState.STATUS_IN_PROGRESS
    # The head may still approve the item they did not touch.
    assert approve_as(client, head_a, other).status_code == 302


def test_editing_and_approving_in_one_request_does_not_approve(client, in_review, head_a):
    """The editor's "Approve" posts the changed form: the change makes the head an author.

    The change is saved; the decision is not, and the head is told why."""
    task_state = current_task_state(in_review)
    extra = {"action-workflow-action": "1", "workflow-action-name": "approve"}
    response = edit_as(client, head_a, in_review, **extra)
    assert fresh(task_state).status == TaskState.STATUS_IN_PROGRESS
    assert fresh(in_review).get_latest_revision().user == head_a
    assert response.status_code == 302
    assert response["Location"] == edit_url(in_review)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("không lưu quyết định" in m for m in shown), shown


def test_office_member_who_rewrote_the_item_may_not_approve_it(
    client, in_review, head_a, office_user, office_user_2
):
    act_on(in_review, head_a, "approve")
    task_state = current_task_state(in_review)
    assert task_state.task.name == "Phòng CCHC thẩm định"

    assert edit_as(client, office_user, in_review).status_code == 302
    assert_denied(approve_as(client, office_user, in_review))
    assert fresh(task_state).status == TaskState.STATUS_IN_PROGRESS
    assert task_state.pk not in reviewable_ids(office_user)
    assert task_state.pk in reviewable_ids(office_user_2)

    assert approve_as(client, office_user_2, in_review).status_code == 302
    assert fresh(task_state).status == TaskState.STATUS_APPROVED


def test_the_revision_under_review_makes_its_creator_an_author(in_review, head_a, head_a2):
    """The task state's revision counts even when created before the review started."""
    task_state = current_task_state(in_review)
    task_state.revision.user = head_a
    task_state.revision.save(update_fields=["user"])
    assert head_a.pk in authors_of(fresh(in_review))
    assert head_a2.pk not in authors_of(fresh(in_review))


def reviewable_ids(user):
    return set(TaskState.objects.reviewable_by(fresh(user)).values_list("pk", flat=True))


def test_revisers_are_neither_asked_nor_listed(
    client, in_review, editor_a, head_a, head_a2, django_capture_on_commit_callbacks
):
    """Sent back, rewritten by a head, resubmitted: the other heads review it, not the reviser."""
    act_on(in_review, head_a2, "reject", comment="Bổ sung số liệu.")
    assert edit_as(client, head_a, in_review).status_code == 302
    mail.outbox.clear()
    client.force_login(editor_a)
    item = fresh(in_review)
    data = news_item_form(
        title=item.draft_title,
        slug=item.slug,
        topic=item.topic,
        original_file=item.original_file_id,
        **{"action-submit": "1"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url(item), data).status_code == 302
    task_state = current_task_state(in_review)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    told = {address for message in mail.outbox for address in message.to}
    assert head_a2.email in told
    assert head_a.email not in told

    # Every "awaiting your review" list (the dashboard's) is read from reviewable_by.
    assert task_state.pk not in reviewable_ids(head_a)
    assert task_state.pk in reviewable_ids(head_a2)


def test_awaiting_review_list_costs_the_same_for_more_items(
    make_item, editor_a, head_a, django_assert_num_queries
):
    made = []

    def add_rewritten_items(count):
        for _n in range(count):
            made.append(len(made))
            item = make_item(title=f"Tin {made[-1]}")
            start_review(item, editor_a)
            item = fresh(item)
            item.title = f"{item.title} (sửa)"
            item.save_revision(user=head_a)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            ids = reviewable_ids(head_a)
        return len(queries), ids

    add_rewritten_items(1)
    plain = make_item(title="Tin không sửa")
    start_review(plain, editor_a)
    few, ids = count_queries()
    assert ids == {current_task_state(plain).pk}
    add_rewritten_items(4)
    many, ids = count_queries()
    assert ids == {current_task_state(plain).pk}
    assert many == few


@pytest.fixture
def saved_in_review(client, make_item, editor_a):
    """An item saved once through the editor's form (as a browser saves it), then submitted."""
    item = make_item()
    assert edit_as(client, editor_a, item, title=item.title).status_code == 302
    client.logout()
    start_review(fresh(item), editor_a)
    return fresh(item)


def unchanged_form(item, **extra):
    """The editor's form posted back as loaded (the stored body keeps its block keys)."""
    item = fresh(item).get_latest_revision_as_object()
    return news_item_form(
        title=item.title,
        slug=item.slug,
        topic=item.topic,
        original_file=item.original_file_id,
        body=rich_text(item.body, features=BODY_FEATURES),
        **extra,
    )


def test_saving_without_a_change_makes_no_author(client, saved_in_review, head_a):
    item = saved_in_review
    client.force_login(head_a)
    assert client.post(edit_url(item), unchanged_form(item)).status_code == 302
    assert fresh(item).get_latest_revision().user == head_a
    assert head_a.pk not in authors_of(fresh(item))
    task_state = current_task_state(item)
    assert approve_as(client, head_a, item).status_code == 302
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def test_an_inline_comment_with_the_decision_is_no_rewrite(client, saved_in_review, head_a):
    """A head comments on the title in the editor and sends the item back from its menu."""
    item = saved_in_review
    task_state = current_task_state(item)
    comment = {"contentpath": "title", "text": "Tiêu đề quá dài.", "position": "", "resolved": ""}
    data = unchanged_form(
        item,
        comments=inline_formset([{**comment, "replies": inline_formset([])}]),
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": "Rút gọn tiêu đề."}),
        },
    )
    client.force_login(head_a)
    client.post(edit_url(item), data)
    assert fresh(item).wagtail_admin_comments.filter(text="Tiêu đề quá dài.").exists()
    task_state = TaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Rút gọn tiêu đề."
