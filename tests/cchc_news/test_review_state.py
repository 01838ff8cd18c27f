"""An item's review state (cchc_news.review_state): each state, SQL and Python agreeing, and the
screens that show it (the "News items" listing, the "My agency" panel) agreeing with it."""

import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from cchc_news.models import NewsItemPage
from cchc_news.review_state import (
    RULES,
    ReviewState,
    is_in_review,
    is_in_state,
    is_sent_back,
    sent_back_notice,
    state_of,
    step_of,
)
from tests.db_snapshots import replayed

from .review_states import HEAD_STEP, ids, items_in_every_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(editor_a, head_a, office_user, leader):
    return SimpleNamespace(editor=editor_a, head=head_a, office=office_user, leader=leader)


@pytest.fixture
def items(agency_a, people):
    return replayed("review state: items", lambda: items_in_every_state(agency_a, people))


def every_item(items):
    return [(state, item) for state, group in items.items() for item in group]


def test_the_fixture_has_an_item_in_every_state(items):
    assert set(items) == set(ReviewState)
    assert {state for state, _facts in RULES} == set(ReviewState) - {ReviewState.DRAFT}


def test_the_sql_annotation_gives_each_item_its_state(items):
    annotated = {
        item.pk: item.review_state for item in NewsItemPage.objects.annotate_review_state()
    }
    assert annotated == {item.pk: state for state, item in every_item(items)}


def test_python_gives_each_loaded_item_the_same_state(items):
    for state, item in every_item(items):
        page = NewsItemPage.objects.get(pk=item.pk)
        assert not hasattr(page, "review_state")
        assert state_of(page) == state, item.title
        assert state_of(Page.objects.get(pk=item.pk).specific) == state, item.title
        for other in ReviewState:
            assert is_in_state(page, other) == (other == state), (item.title, other)


@pytest.mark.parametrize("state", list(ReviewState))
def test_filtering_by_a_state_gives_exactly_its_items(items, state):
    assert ids(NewsItemPage.objects.in_review_state(state)) == ids(items[state])


def test_several_states_at_once(items):
    wanted = [ReviewState.DRAFT, ReviewState.WITHDRAWN]
    expected = ids(items[ReviewState.DRAFT]) | ids(items[ReviewState.WITHDRAWN])
    assert ids(NewsItemPage.objects.in_review_state(*wanted)) == expected


def test_the_step_of_an_item_in_review(items):
    annotated = {item.pk: item.review_step for item in NewsItemPage.objects.annotate_review_state()}
    for state, item in every_item(items):
        expected = HEAD_STEP if state == ReviewState.IN_REVIEW else None
        assert annotated[item.pk] == expected, item.title
        assert step_of(NewsItemPage.objects.get(pk=item.pk)) == expected, item.title


def test_the_sent_back_notice_says_who_where_and_why(items, head_a):
    [item] = items[ReviewState.CHANGES_REQUESTED]
    notice = sent_back_notice(item.current_workflow_state)
    assert (notice.by, notice.step, notice.comment) == (head_a, HEAD_STEP, "Bổ sung số liệu.")
    for state, other in every_item(items):
        if state != ReviewState.CHANGES_REQUESTED:
            assert sent_back_notice(other.current_workflow_state) is None, other.title


def test_review_checks_read_only_the_prefetched_workflow_state(items, django_assert_num_queries):
    pages = list(NewsItemPage.objects.with_workflow_states())
    with django_assert_num_queries(0):
        sent_back = {page.pk for page in pages if is_sent_back(page)}
        in_review = {page.pk for page in pages if is_in_review(page)}
        notices = [sent_back_notice(page.current_workflow_state) for page in pages]
    assert sent_back == ids(items[ReviewState.CHANGES_REQUESTED])
    assert in_review == ids(items[ReviewState.IN_REVIEW])
    assert sum(notice is not None for notice in notices) == 1


def test_wagtails_status_tag_names_an_item_sent_back(items):
    [item] = items[ReviewState.CHANGES_REQUESTED]
    assert item.status_string == "đã trả lại để chỉnh sửa"
    [draft] = items[ReviewState.DRAFT]
    assert draft.status_string == "bản nháp"


# --- the screens agree ---------------------------------------------------------------------------


def listed(client, **params):
    """The items in the "News items" listing, by the edit links of its rows."""
    response = client.get(reverse("news_items:index"), params)
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'href="/admin/pages/(\d+)/edit/"', response.text)}


def test_the_listing_filters_by_every_state(client, office_user, items):
    client.force_login(office_user)
    for state in ReviewState:
        assert listed(client, state=state.value) == ids(items[state]), state


def my_agency_groups(client, user):
    """{heading: (count, [the title of each item listed])} of the "My agency" panel."""
    client.force_login(user)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.find("section", attrs={"aria-labelledby": "my-agency-heading"})
    groups = {}
    for heading in panel.find_all("h3"):
        count = heading.find(class_="w-status").get_text(strip=True)
        label = heading.get_text(" ", strip=True).removesuffix(count).strip()
        listing = heading.find_next_sibling()
        lines = listing.find_all("li", recursive=False) if listing and listing.name == "ul" else []
        groups[label] = (int(count), [li.find("a").get_text(strip=True) for li in lines])
    return groups


def titles(*groups):
    return sorted(item.title for group in groups for item in group)


def test_the_dashboard_groups_every_state(client, editor_a, items):
    groups = my_agency_groups(client, editor_a)
    shown = {label: sorted(lines) for label, (_count, lines) in groups.items()}
    expected = {
        "Đã trả lại để chỉnh sửa": titles(items[ReviewState.CHANGES_REQUESTED]),
        "Chờ duyệt": titles(items[ReviewState.IN_REVIEW]),
        "Bản nháp": titles(items[ReviewState.DRAFT], items[ReviewState.LIVE_WITH_DRAFT]),
        str(ReviewState.SCHEDULED.label): titles(items[ReviewState.SCHEDULED]),
        str(ReviewState.WITHDRAWN.label): titles(items[ReviewState.WITHDRAWN]),
        str(ReviewState.EXPIRED.label): titles(items[ReviewState.EXPIRED]),
    }
    live = [item for _state, item in every_item(items) if item.live]
    expected["Đã đăng"] = titles(live)  # the latest published, at most five
    assert shown == expected
    assert groups["Đã đăng"][0] == len(live) == 3


def test_the_dashboard_leaves_out_groups_of_rare_states_with_no_item(client, editor_a, agency_a):
    groups = my_agency_groups(client, editor_a)
    assert list(groups) == ["Đã trả lại để chỉnh sửa", "Chờ duyệt", "Bản nháp", "Đã đăng"]


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_items(client, editor_a, superuser, agency_a, people):
    """The dashboard and the listing (each state) read the state of many items at a fixed
    number of queries: twice the items in every state cost no query more.

    Not so the listing's rows of items in review: their action menu asks Wagtail's
    current_workflow_task (a query for the task's specific type each) and, for reviewers who
    are not superusers, the review task's own rules on locking and acting (workflows). That is
    the menu, not the review state, so the listing is read here as a superuser and the rows
    in review are left out.
    """
    states = [state for state in ReviewState if state != ReviewState.IN_REVIEW]
    screens = [(editor_a, reverse("wagtailadmin_home"), {})] + [
        (superuser, reverse("news_items:index"), {"state": state.value}) for state in states
    ]
    items_in_every_state(agency_a, people, prefix="A ")
    before = []
    for user, url, params in screens:
        client.force_login(user)
        client.get(url, params)  # warm the caches (content types, site, ...)
        before.append(count_queries(client, url, params))
    items_in_every_state(agency_a, people, prefix="B ")
    after = []
    for user, url, params in screens:
        client.force_login(user)
        after.append(count_queries(client, url, params))
    assert after == before


def test_the_state_of_any_number_of_items_is_one_query(items, django_assert_num_queries):
    with django_assert_num_queries(1):
        states = {item.review_state for item in NewsItemPage.objects.annotate_review_state()}
    assert states == set(ReviewState)
