"""The participation figures agree with the items' review states (cchc_news.review_state): on one
set of items in every state, what the figures count is what the states say happened."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc_news.review_state import ReviewState
from participation.figures import participation
from participation.periods import Period, local_today
from tests.cchc_news.review_states import items_in_every_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(editor_a, head_a, office_user, leader):
    return SimpleNamespace(editor=editor_a, head=head_a, office=office_user, leader=leader)


def around_today():
    today = local_today()
    return Period.custom(today - timedelta(days=1), today + timedelta(days=1))


def figures(agency):
    with CaptureQueriesContext(connection) as queries:
        [row] = participation([agency], around_today())
    return row, len(queries)


def test_the_figures_agree_with_the_states(agency_a, people):
    items = items_in_every_state(agency_a, people)

    def count(*states):
        return sum(len(items[state]) for state in states)

    row, _queries = figures(agency_a)
    # Sent back once each, and nothing else was.
    assert row.sent_back == count(ReviewState.CHANGES_REQUESTED) == 1
    # Submitted: what is or was in review; the scheduled item went through every step.
    submitted = (ReviewState.IN_REVIEW, ReviewState.CHANGES_REQUESTED, ReviewState.SCHEDULED)
    assert row.submissions == row.submitted_items == count(*submitted)
    assert row.approved == count(ReviewState.SCHEDULED)
    # Published (first published in the period): live, or live once, and the live item whose
    # new version is in review; not the scheduled one, whose time has not come.
    once_live = (
        ReviewState.LIVE,
        ReviewState.LIVE_WITH_DRAFT,
        ReviewState.WITHDRAWN,
        ReviewState.EXPIRED,
    )
    live_in_review = [item for item in items[ReviewState.IN_REVIEW] if item.live]
    assert row.published == count(*once_live) + len(live_in_review) == 5


def test_the_figures_cost_the_same_queries_for_twice_the_items(agency_a, people):
    items_in_every_state(agency_a, people, prefix="A ")
    first, queries = figures(agency_a)
    items_in_every_state(agency_a, people, prefix="B ")
    second, more_queries = figures(agency_a)
    assert (second.submitted_items, second.published) == (
        2 * first.submitted_items,
        2 * first.published,
    )
    assert more_queries == queries
