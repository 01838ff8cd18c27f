"""The admin's "News items" listing, filtered by review state, for each role."""

import re

import pytest
from django.urls import reverse

from tests.factories import NewsItemPageFactory
from tests.workflows.builders import act_on, draft_item, start_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(agency_a, agency_b, editor_a, editor_b, head_a):
    draft = draft_item(agency_a, editor_a, title="Bản nháp của Sở Tư pháp")
    in_review = draft_item(agency_a, editor_a, title="Tin đang chờ duyệt")
    start_review(in_review, editor_a)
    sent_back = draft_item(agency_a, editor_a, title="Tin bị trả lại")
    start_review(sent_back, editor_a)
    act_on(sent_back, head_a, "reject", comment="Bổ sung số liệu.")
    live = NewsItemPageFactory(parent=agency_a.index_page, title="Tin đã đăng", owner=editor_a)
    edited = NewsItemPageFactory(parent=agency_a.index_page, title="Tin đã đăng có sửa đổi")
    edited.title = "Tin đã đăng, bản sửa"
    edited.save_revision(user=editor_a)
    other = draft_item(agency_b, editor_b, title="Bản nháp của phường Bến Thành")
    return {
        "draft": draft,
        "in_review": in_review,
        "changes_requested": sent_back,
        "live": live,
        "live_with_draft": edited,
        "other_agency": other,
    }


def listed(client, **params):
    """The items in the listing, by the edit links of its rows."""
    response = client.get(reverse("news_items:index"), params)
    assert response.status_code == 200
    ids = re.findall(r'href="/admin/pages/(\d+)/edit/"', response.content.decode())
    return {int(pk) for pk in ids}


@pytest.mark.parametrize(
    "state", ["draft", "in_review", "changes_requested", "live", "live_with_draft"]
)
def test_each_state_lists_exactly_its_items(client, office_user, items, state):
    client.force_login(office_user)
    expected = {items[state].pk}
    if state == "draft":
        expected.add(items["other_agency"].pk)  # the office sees every agency's
    assert listed(client, state=state) == expected


def test_an_agency_editor_sees_only_its_own_items(client, editor_b, items):
    client.force_login(editor_b)
    assert listed(client) == {items["other_agency"].pk}
    assert listed(client, state="draft") == {items["other_agency"].pk}


def test_agency_filter(client, office_user, agency_b, items):
    client.force_login(office_user)
    assert listed(client, agency=agency_b.pk) == {items["other_agency"].pk}


def test_the_explorer_leads_from_an_agency_space_to_its_items_by_state(
    client, editor_a, agency_a, items
):
    client.force_login(editor_a)
    explorer = client.get(reverse("wagtailadmin_explore", args=[agency_a.index_page.pk]))

    link = re.search(r'href="(/admin/news_items/\?agency=\d+)"', explorer.content.decode())
    assert link, "no link to the items by review state"
    assert link.group(1) == f"{reverse('news_items:index')}?agency={agency_a.pk}"
    assert "Tin, bài theo trạng thái duyệt" in explorer.content.decode()
    assert listed(client, agency=agency_a.pk, state="in_review") == {items["in_review"].pk}
