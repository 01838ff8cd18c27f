"""The "My agency" panel of the admin dashboard: where each of the agency's items stands."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.cutoff import cutoff_for_editors
from tests.factories import NewsItemPageFactory

from .builders import act_on, draft_item, start_review

pytestmark = pytest.mark.django_db

HEAD_STEP = "Lãnh đạo đơn vị duyệt"
# The group headings of the panel, in Vietnamese.
CHANGES_REQUESTED = "Đã trả lại để chỉnh sửa"
AWAITING_REVIEW = "Chờ duyệt"
DRAFTS = "Bản nháp"
PUBLISHED = "Đã đăng"


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response


def my_agency_panel(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("section", attrs={"aria-labelledby": "my-agency-heading"})


def groups_of(panel):
    """{heading: (count shown, [item lines])} for each group of the panel."""
    groups = {}
    for heading in panel.find_all("h3"):
        count = heading.find(class_="w-status").get_text(strip=True)
        label = heading.get_text(" ", strip=True).removesuffix(count).strip()
        listing = heading.find_next_sibling()
        lines = []
        if listing is not None and listing.name == "ul":
            lines = [li.get_text(" ", strip=True) for li in listing.find_all("li")]
        groups[label] = (int(count), lines)
    return groups


def make_agency_items(agency, editor, head, topic, prefix="", drafts=1, in_review=1, sent_back=1):
    """Items of `agency` in each state; returns them by state."""
    items = {"draft": [], "in_review": [], "sent_back": []}
    for n in range(drafts):
        items["draft"].append(
            draft_item(agency, editor, title=f"{prefix}Bản nháp {n}", topic=topic)
        )
    for n in range(in_review):
        item = draft_item(agency, editor, title=f"{prefix}Đang chờ duyệt {n}", topic=topic)
        start_review(item, editor)
        items["in_review"].append(item)
    for n in range(sent_back):
        item = draft_item(agency, editor, title=f"{prefix}Bị trả lại {n}", topic=topic)
        start_review(item, editor)
        act_on(item, head, "reject", comment="Bổ sung số liệu.")
        items["sent_back"].append(item)
    return items


@pytest.fixture
def agency_a_items(agency_a, editor_a, head_a, topic):
    items = make_agency_items(agency_a, editor_a, head_a, topic)
    items["published"] = [
        NewsItemPageFactory(parent=agency_a.index_page, title=f"Đã đăng {n}", topic=topic)
        for n in range(2)
    ]
    return items


@pytest.fixture
def agency_b_item(agency_b, editor_b, topic):
    return draft_item(agency_b, editor_b, title="Tin của phường Bến Thành", topic=topic)


def test_an_agency_editor_sees_their_agencys_items_by_state(
    client, editor_a, agency_a, agency_a_items, agency_b_item
):
    before = cutoff_for_editors().explanation
    response = dashboard(client, editor_a)
    cutoffs = {before, cutoff_for_editors().explanation}

    panel = my_agency_panel(response)
    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "Đơn vị của tôi" in text and agency_a.name in text
    assert any(cutoff in text for cutoff in cutoffs)

    groups = groups_of(panel)
    assert groups[DRAFTS] == (1, ["Bản nháp 0"])
    assert groups[AWAITING_REVIEW] == (1, [f"Đang chờ duyệt 0 — {HEAD_STEP}"])
    count, [sent_back] = groups[CHANGES_REQUESTED]
    assert count == 1
    assert sent_back.startswith(f"Bị trả lại 0 Nguyễn Văn A đã trả lại ở bước “{HEAD_STEP}”")
    assert sent_back.endswith(
        "Bổ sung số liệu."
    )  # the head's comment (tests/workflows/test_sent_back.py)
    assert groups[PUBLISHED][0] == 2
    assert "Tin của phường Bến Thành" not in response.content.decode()


def test_an_editor_of_another_agency_does_not_see_these_items(
    client, editor_b, agency_b, agency_a_items, agency_b_item
):
    response = dashboard(client, editor_b)

    panel = my_agency_panel(response)
    assert agency_b.name in panel.get_text(" ", strip=True)
    groups = groups_of(panel)
    assert groups[DRAFTS] == (1, ["Tin của phường Bến Thành"])
    assert groups[AWAITING_REVIEW] == (0, [])
    assert groups[CHANGES_REQUESTED] == (0, [])
    assert groups[PUBLISHED][0] == 0
    content = response.content.decode()
    for items in agency_a_items.values():
        for item in items:
            assert item.title not in content


def test_the_office_has_no_my_agency_panel(client, office_user, agency_a_items):
    response = dashboard(client, office_user)

    assert my_agency_panel(response) is None
    assert "Đơn vị của tôi" not in response.content.decode()


def count_dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return len(queries), response


def test_dashboard_queries_do_not_grow_with_the_agencys_items(
    client, editor_a, agency_a, head_a, topic, django_assert_max_num_queries
):
    make_agency_items(agency_a, editor_a, head_a, topic)  # 3 items
    client.force_login(editor_a)
    client.get(reverse("wagtailadmin_home"))  # warm the caches (content types, site, ...)
    small, response = count_dashboard_queries(client)
    assert sum(count for count, _ in groups_of(my_agency_panel(response)).values()) == 3

    make_agency_items(
        agency_a, editor_a, head_a, topic, prefix="Thêm ", drafts=4, in_review=4, sent_back=4
    )
    with django_assert_max_num_queries(small):
        response = client.get(reverse("wagtailadmin_home"))

    groups = groups_of(my_agency_panel(response))
    assert groups[DRAFTS][0] == 5
    assert groups[AWAITING_REVIEW][0] == 5
    assert groups[CHANGES_REQUESTED][0] == 5
