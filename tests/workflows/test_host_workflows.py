"""A host's own workflow (Wagtail's group approval on a page outside the section) works as in
plain Wagtail: Wagtail's e-mails, no reminders, Wagtail's cancel (workflows.scope)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from wagtail.admin import signal_handlers as wagtail_handlers
from wagtail.models import (
    GroupApprovalTask,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.signals import task_submitted

from workflows.reminders import overdue_task_states
from workflows.scope import is_cchc_review

from .builders import draft_item, start_review
from .helpers import edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def host_reviewer(make_user):
    return make_user("host_reviewer", Group.objects.create(name="Host reviewers"))


@pytest.fixture
def host_page(section, host_reviewer):
    """A page of the host's, beside the CCHC section, under a workflow of Wagtail's tasks."""
    page = section.get_parent().add_child(instance=Page(title="Giới thiệu", slug="gioi-thieu"))
    task = GroupApprovalTask.objects.create(name="Host approval")
    task.groups.set(host_reviewer.groups.all())
    workflow = Workflow.objects.create(name="Host workflow")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=page)
    return page


@pytest.fixture
def host_author(make_user, host_page):
    author = make_user("host_author", is_superuser=True)
    host_page.save_revision(user=author)
    return author


def is_wagtails(message):
    """Wagtail's notifiers send through wagtail.admin.mail.send_mail, which builds an
    EmailMultiAlternatives; the review's e-mails are plain EmailMessages."""
    return isinstance(message, EmailMultiAlternatives)


def test_a_host_workflow_is_not_the_review_and_the_cchc_review_is(
    host_page, host_author, agency_a, editor_a, head_a
):
    state = host_page.get_workflow().start(host_page, host_author)
    assert not is_cchc_review(state)
    assert is_cchc_review(start_review(draft_item(agency_a, editor_a), editor_a))


def test_wagtail_e_mails_a_host_workflows_reviewers_and_author(
    host_page, host_author, host_reviewer, on_commit
):
    with on_commit():
        state = host_page.get_workflow().start(host_page, host_author)
    submitted = [m for m in mail.outbox if m.to == [host_reviewer.email]]
    assert len(submitted) == 1 and is_wagtails(submitted[0])

    mail.outbox.clear()
    task_state = state.current_task_state
    with on_commit():
        task_state.task.specific.on_action(task_state, host_reviewer, "reject")
    assert mail.outbox and all(is_wagtails(message) for message in mail.outbox)
    assert [host_author.email] in [message.to for message in mail.outbox]


def test_the_reviews_items_get_only_the_reviews_e_mails(agency_a, editor_a, head_a, on_commit):
    with on_commit():
        start_review(draft_item(agency_a, editor_a), editor_a)
    assert [message.to for message in mail.outbox] == [[head_a.email]]
    assert not is_wagtails(mail.outbox[0])


def test_wagtail_connecting_its_notifiers_again_changes_nothing(
    agency_a, editor_a, head_a, on_commit
):
    """What wagtail.admin's ready() does if it runs after workflows' (app order)."""
    wagtail_handlers.register_signal_handlers()
    uid = "group_approval_task_submitted_email_notification"
    assert len([r for r in task_submitted.receivers if r[0][0] == uid]) == 1
    with on_commit():
        start_review(draft_item(agency_a, editor_a), editor_a)
    assert len(mail.outbox) == 1 and not is_wagtails(mail.outbox[0])


def test_no_reminder_about_a_host_workflow(host_page, host_author, agency_a, editor_a, head_a):
    host_page.get_workflow().start(host_page, host_author)
    start_review(draft_item(agency_a, editor_a), editor_a)
    TaskState.objects.update(started_at=timezone.now() - timedelta(days=30))
    overdue = overdue_task_states()
    assert [state.workflow_state.workflow.name for state in overdue] == ["Duyệt tin, bài CCHC"]


def test_a_host_workflow_keeps_wagtails_cancel(client, host_page, host_author):
    host_page.get_workflow().start(host_page, host_author)
    client.force_login(host_author)
    content = client.get(edit_url(host_page)).content.decode()
    assert 'name="action-cancel-workflow"' in content


def test_a_host_page_sent_back_shows_wagtails_editor_without_the_items_notice(
    client, host_page, host_author, host_reviewer
):
    state = host_page.get_workflow().start(host_page, host_author)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, host_reviewer, "reject")
    client.force_login(host_author)
    assert "data-cchc-sent-back-notice" not in client.get(edit_url(host_page)).content.decode()
