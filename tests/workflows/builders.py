"""Building items and files for the moderation tests (factories, real files, no fixtures files)."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import TaskState

from cchc_news.models import NewsItemPage
from cchc_news.outbox.sending import flush as send_outbox
from tests.factories import NewsItemPageFactory

from .helpers import add_url, current_task_state, submit_form


def make_document(data, name, agency, user=None):
    """A Wagtail document created directly, bypassing the upload form's checks."""
    return get_document_model().objects.create(
        title=name,
        file=ContentFile(data, name=name),
        collection=agency.collection,
        uploaded_by_user=user,
    )


def draft_item(agency, owner, **fields):
    """A never-published item of `agency`, with a first revision, as an editor leaves it."""
    item = NewsItemPageFactory(parent=agency.index_page, live=False, owner=owner, **fields)
    item.save_revision(user=owner)
    return NewsItemPage.objects.get(pk=item.pk)


def start_review(item, user):
    """Submit `item` to its workflow (the CCHC review) as `user`; returns the workflow state.

    Its e-mails are sent from the outbox, as after the submitting request's commit."""
    item.save_revision(user=user)
    state = item.get_workflow().start(item, user)
    send_outbox()
    return state


def act_on(item, user, action, comment=""):
    """Approve or reject the item's current task through Wagtail's task API."""
    task_state = current_task_state(item)
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    return TaskState.objects.get(pk=task_state.pk)


def submit_through_admin(client, user, agency, topic, document, **fields):
    """Create and submit an item through the admin as `user`; returns the response."""
    client.force_login(user)
    return client.post(add_url(agency.index_page), submit_form(topic, document, **fields))
