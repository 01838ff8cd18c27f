"""Cancelling a review ("Hủy quy trình duyệt"): never a reviewer's one-click, always with a reason.

Only the item's authors (owner, submitter) and administrators may cancel: reviewers decide
with "Approve" or "Request changes". The menu entry is never the menu's first, leads to a
confirmation page that asks for the reason, the reason stays in the item's history and the
authors (not the canceller) are e-mailed it.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.users.models import UserProfile

from cchc_news.models import NewsItemPage
from tests.admin_forms import news_item_form
from tests.helpers import assert_denied
from workflows.cancellation import cancel_url

from .builders import act_on, draft_item
from .helpers import edit_url

pytestmark = pytest.mark.django_db

REASON = "Trùng với tin đã gửi hôm qua, gửi nhầm."
CANCEL_ENTRY = "cchc-cancel-review"


@pytest.fixture
def make_review(agency_a, editor_a, topic, original_pdf):
    def make(submitter=None, title="Tin đang chờ duyệt"):
        item = draft_item(agency_a, editor_a, title=title, topic=topic, original_file=original_pdf)
        item.save_revision(user=submitter or editor_a)
        item.get_workflow().start(item, submitter or editor_a)
        return NewsItemPage.objects.get(pk=item.pk)

    return make


@pytest.fixture
def in_review(make_review):
    return make_review()


def workflow_status(item):
    return item.workflow_states.order_by("-created_at").first().status


def menu_names(client, user, item):
    """Names of the editor's footer menu entries, the default (first) one first."""
    client.force_login(user)
    response = client.get(edit_url(item))
    assert response.status_code == 200
    menu = response.context["action_menu"]
    return [entry.name for entry in [menu.default_item, *menu.menu_items]]


def cancel_log_entries(item):
    return PageLogEntry.objects.filter(page=item, action="wagtail.workflow.cancel")


@pytest.mark.parametrize("role", ["editor_a", "superuser"])
def test_authors_and_administrators_find_the_entry_last(request, client, in_review, role):
    names = menu_names(client, request.getfixturevalue(role), in_review)
    assert CANCEL_ENTRY in names
    assert names[0] != CANCEL_ENTRY
    assert names[-1] == CANCEL_ENTRY
    assert "action-cancel-workflow" not in names  # Wagtail's one-click entry is gone


def test_reviewers_do_not_find_the_entry(client, in_review, head_a, office_user, leader):
    names = menu_names(client, head_a, in_review)
    assert "approve" in names
    assert CANCEL_ENTRY not in names
    assert "action-cancel-workflow" not in names
    assert "action-restart-workflow" not in names

    act_on(in_review, head_a, "approve")
    for reviewer in (office_user, leader):
        names = menu_names(client, reviewer, in_review)
        assert CANCEL_ENTRY not in names
        assert "action-cancel-workflow" not in names
        assert "action-restart-workflow" not in names


def test_one_click_cancel_through_the_editor_is_refused(client, in_review, editor_a, head_a):
    """Wagtail's edit view cancels on a POST naming "action-cancel-workflow"; not any more."""
    data = news_item_form(
        title=in_review.title,
        slug=in_review.slug,
        topic=in_review.topic,
        original_file=in_review.original_file_id,
        **{"action-cancel-workflow": "1"},
    )
    for user in (head_a, editor_a):
        client.force_login(user)
        response = client.post(edit_url(in_review), data)
        assert response.status_code == 302
        assert workflow_status(in_review) == WorkflowState.STATUS_IN_PROGRESS
    assert response["Location"] == cancel_url(in_review)
    assert not cancel_log_entries(in_review).exists()


def test_a_reviewer_cannot_restart_the_review(client, in_review, head_a):
    client.force_login(head_a)
    data = news_item_form(
        title=in_review.title,
        slug=in_review.slug,
        topic=in_review.topic,
        original_file=in_review.original_file_id,
        **{"action-restart-workflow": "1"},
    )
    client.post(edit_url(in_review), data)
    assert in_review.workflow_states.count() == 1
    assert workflow_status(in_review) == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("role", ["head_a", "office_user", "leader", "editor_b"])
def test_others_may_not_open_or_post_the_confirmation(request, client, in_review, role):
    client.force_login(request.getfixturevalue(role))
    assert_denied(client.get(cancel_url(in_review)))
    assert_denied(client.post(cancel_url(in_review), {"reason": REASON}))
    assert workflow_status(in_review) == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_reason_is_required(client, in_review, editor_a, reason):
    client.force_login(editor_a)
    page = client.get(cancel_url(in_review))
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()

    response = client.post(cancel_url(in_review), {"reason": reason})
    assert response.status_code == 200
    assert "Ghi rõ lý do hủy" in response.content.decode()
    assert workflow_status(in_review) == WorkflowState.STATUS_IN_PROGRESS
    assert not cancel_log_entries(in_review).exists()


def test_cancelling_keeps_the_reason_and_tells_the_authors(
    client, make_review, editor_a, head_a, django_capture_on_commit_callbacks
):
    """The owner wrote it, a head submitted it, the head cancels: the owner hears why."""
    item = make_review(submitter=head_a)
    mail.outbox.clear()
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(head_a)
    page = csrf_client.get(cancel_url(item))
    token = page.context["csrf_token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_client.post(
            cancel_url(item), {"reason": f"  {REASON}  ", "csrfmiddlewaretoken": token}
        )
    assert response.status_code == 302
    assert response["Location"] == edit_url(item)
    assert workflow_status(item) == WorkflowState.STATUS_CANCELLED

    entry = cancel_log_entries(item).get()
    assert entry.user == head_a
    assert entry.data["comment"] == REASON
    history = csrf_client.get(reverse("wagtailadmin_pages:history", args=[item.pk]))
    assert REASON in history.content.decode()

    assert [message.to for message in mail.outbox] == [[editor_a.email]]
    message = mail.outbox[0]
    assert item.title in message.subject
    assert "Hủy" in message.subject or "hủy" in message.subject
    assert REASON in message.body
    assert "Lãnh đạo đơn vị duyệt" in message.body


def test_a_cancel_without_csrf_token_is_refused(in_review, editor_a):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor_a)
    assert csrf_client.post(cancel_url(in_review), {"reason": REASON}).status_code == 403
    assert workflow_status(in_review) == WorkflowState.STATUS_IN_PROGRESS


def test_the_canceller_is_not_mailed_and_preferences_hold(
    client, make_review, editor_a, superuser, django_capture_on_commit_callbacks
):
    item = make_review()
    profile = UserProfile.get_for_user(editor_a)
    profile.rejected_notifications = False
    profile.save()
    mail.outbox.clear()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel_url(item), {"reason": REASON}).status_code == 302
    assert workflow_status(item) == WorkflowState.STATUS_CANCELLED
    assert mail.outbox == []  # the author asked not to hear about sent-back items

    profile.rejected_notifications = True
    profile.save()
    item = make_review(title="Tin thứ hai")
    client.force_login(editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel_url(item), {"reason": REASON}).status_code == 302
    assert mail.outbox == []  # the author cancelled it: nobody else wrote it


def test_a_sent_back_item_can_be_cancelled_too(client, in_review, editor_a, head_a):
    act_on(in_review, head_a, "reject", comment="Bổ sung số liệu.")
    assert CANCEL_ENTRY in menu_names(client, editor_a, in_review)
    assert client.post(cancel_url(in_review), {"reason": REASON}).status_code == 302
    assert workflow_status(in_review) == WorkflowState.STATUS_CANCELLED


def test_nothing_to_cancel(client, agency_a, editor_a, topic):
    item = draft_item(agency_a, editor_a, topic=topic)
    client.force_login(editor_a)
    response = client.get(cancel_url(item))
    assert response.status_code == 302
    assert response["Location"] == edit_url(item)
