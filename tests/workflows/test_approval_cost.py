"""What one approval through the admin costs in queries: bounded, whatever the agency holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .builders import draft_item, start_review
from .helpers import action_url, current_task_state

pytestmark = pytest.mark.django_db

# Everything the head's approval does in the request: the checks, the approval, the next
# step's start and, in the embedded set-up, its e-mails written and sent after the commit.
# 115 when the authors were looked up in two queries each time and every notice queued its own
# send of the outbox; 104 since (about 30 of them savepoints, which a request does not nest).
MAX_APPROVAL_QUERIES = 105


@pytest.fixture
def review(agency_a, editor_a, topic, original_pdf, office_user):
    def start(title):
        item = draft_item(agency_a, editor_a, title=title, topic=topic, original_file=original_pdf)
        start_review(item, editor_a)
        return item

    return start


def approval_queries(client, head, item, capture_on_commit):
    client.force_login(head)
    url = action_url(item, "approve", current_task_state(item))
    with CaptureQueriesContext(connection) as queries, capture_on_commit(execute=True):
        assert client.post(url, {}).status_code == 302
    return len(queries)


def test_an_approval_costs_the_same_whatever_the_agency_holds(
    client, review, make_user, agency_a, head_a, django_capture_on_commit_callbacks
):
    # Warm-up: the first request of a process fills caches (content types, sites).
    approval_queries(client, head_a, review("Tin đầu"), django_capture_on_commit_callbacks)
    small = approval_queries(client, head_a, review("Tin hai"), django_capture_on_commit_callbacks)

    for n in range(6):  # more items in review, heads, editors, and authors of the item
        review(f"Tin khác {n}")
        make_user(f"head_more_{n}", agency_a.heads_group)
    item = review("Tin nhiều người sửa")
    for n in range(4):
        reviser = make_user(f"editor_more_{n}", agency_a.editors_group)
        item.refresh_from_db()
        item.title = f"{item.title} ({n})"
        item.save_revision(user=reviser)
    large = approval_queries(client, head_a, item, django_capture_on_commit_callbacks)

    assert large == small
    assert small <= MAX_APPROVAL_QUERIES
