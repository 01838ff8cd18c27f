"""The dashboard panel for reviewers: what waits for me, oldest first (workflows.waiting)."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from workflows.waiting import working_days_waited

from .builders import act_on, draft_item, start_review

pytestmark = pytest.mark.django_db

HEAD_STEP = "Lãnh đạo đơn vị duyệt"
OFFICE_STEP = "Phòng CCHC thẩm định"
PANEL_HEADING = "Chờ tôi duyệt"


def waiting_panel(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(id="cchc-waiting-section")


def rows_of(response):
    """[(title, agency, step, submitted by, waiting text, review link)] as the panel lists them."""
    panel = waiting_panel(response)
    assert panel is not None, "no waiting panel"
    rows = []
    for row in panel.select("tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")[:4]]
        days = int(row.select_one("[data-working-days]")["data-working-days"])
        rows.append((*cells, days, row.find("a")["href"]))
    return rows


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response


def waiting_since(item, days_ago):
    """Make the item's current step look started `days_ago` calendar days ago."""
    item.refresh_from_db()
    TaskState.objects.filter(pk=item.current_workflow_task_state.pk).update(
        started_at=timezone.now() - timedelta(days=days_ago)
    )


def in_review(agency, editor, topic, title, days_ago=0):
    item = draft_item(agency, editor, title=title, topic=topic)
    start_review(item, editor)
    if days_ago:
        waiting_since(item, days_ago)
    return item


# Working days.


def local(*args):
    return timezone.make_aware(datetime(*args))


@pytest.mark.parametrize(
    ("since", "now", "days"),
    [
        (local(2026, 11, 30, 9), local(2026, 11, 30, 17), 0),  # Monday, same day
        (local(2026, 11, 27, 9), local(2026, 11, 30, 10), 1),  # Friday → Monday
        (local(2026, 11, 28, 9), local(2026, 11, 30, 10), 0),  # Saturday → Monday
        (local(2026, 11, 23, 9), local(2026, 11, 30, 10), 5),  # a week
        (local(2026, 11, 16, 9), local(2026, 11, 30, 8), 9),  # two weeks less an hour
    ],
)
def test_working_days_waited_counts_mondays_to_fridays(since, now, days):
    assert working_days_waited(since, now) == days


# The panel.


def test_a_head_sees_their_agencys_items_oldest_first_with_the_facts(
    client, agency_a, agency_b, editor_a, editor_b, head_a, topic
):
    newer = in_review(agency_a, editor_a, topic, "Tin mới gửi", days_ago=0)
    older = in_review(agency_a, editor_a, topic, "Tin gửi từ tuần trước", days_ago=7)
    in_review(agency_b, editor_b, topic, "Tin của phường khác", days_ago=14)
    draft_item(agency_a, editor_a, title="Bản nháp chưa gửi", topic=topic)

    response = dashboard(client, head_a)

    panel = waiting_panel(response)
    assert PANEL_HEADING in panel.get_text(" ", strip=True)
    author = editor_a.get_full_name() or editor_a.get_username()
    assert rows_of(response) == [
        (
            "Tin gửi từ tuần trước",
            agency_a.name,
            HEAD_STEP,
            author,
            5,
            reverse("cchc_review", args=(older.pk,)),
        ),
        (
            "Tin mới gửi",
            agency_a.name,
            HEAD_STEP,
            author,
            0,
            reverse("cchc_review", args=(newer.pk,)),
        ),
    ]
    content = response.content.decode()
    assert "Tin của phường khác" not in content
    # Wagtail's own "Awaiting your review" panel is replaced, not shown twice.
    assert 'id="awaiting-review' not in content


def test_the_panel_comes_first_on_the_dashboard(client, agency_a, editor_a, head_a, topic):
    in_review(agency_a, editor_a, topic, "Tin chờ duyệt")

    soup = BeautifulSoup(dashboard(client, head_a).content, "html.parser")

    first = soup.select_one("main section.w-panel")
    assert first is not None and first["id"] == "cchc-waiting-section"


def test_an_item_waiting_too_long_is_marked_overdue(client, agency_a, editor_a, head_a, topic):
    in_review(agency_a, editor_a, topic, "Tin chờ lâu", days_ago=7)
    in_review(agency_a, editor_a, topic, "Tin vừa gửi")

    panel = waiting_panel(dashboard(client, head_a))

    rows = panel.select("tbody tr")
    assert rows[0].select_one(".cchc-waiting__overdue") is not None
    assert rows[1].select_one(".cchc-waiting__overdue") is None


def test_the_office_sees_items_at_its_step_from_every_agency(
    client, agency_a, agency_b, editor_a, editor_b, head_a, head_b, office_user, topic
):
    at_head = in_review(agency_a, editor_a, topic, "Còn ở bước lãnh đạo đơn vị")
    from_a = in_review(agency_a, editor_a, topic, "Tin Sở Tư pháp")
    from_b = in_review(agency_b, editor_b, topic, "Tin phường Bến Thành")
    act_on(from_b, head_b, "approve")
    act_on(from_a, head_a, "approve")

    rows = rows_of(dashboard(client, office_user))

    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("Tin phường Bến Thành", agency_b.name, OFFICE_STEP),
        ("Tin Sở Tư pháp", agency_a.name, OFFICE_STEP),
    ]
    assert at_head.title not in str(waiting_panel(dashboard(client, office_user)))


def test_a_reviewer_with_nothing_waiting_reads_so(client, office_user, section):
    panel = waiting_panel(dashboard(client, office_user))

    assert "Không có tin nào chờ anh/chị duyệt" in panel.get_text(" ", strip=True)


def test_an_editor_has_no_waiting_panel(client, agency_a, editor_a, topic):
    in_review(agency_a, editor_a, topic, "Tin của tôi")

    assert waiting_panel(dashboard(client, editor_a)) is None


def test_nobody_sees_their_own_item_as_waiting_for_them(client, agency_a, head_a, topic):
    in_review(agency_a, head_a, topic, "Tin do lãnh đạo đơn vị viết")

    panel = waiting_panel(dashboard(client, head_a))

    assert "Tin do lãnh đạo đơn vị viết" not in panel.get_text(" ", strip=True)


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return len(queries), response


def test_the_panel_takes_as_many_queries_for_ten_items_as_for_one(
    client, agency_a, agency_b, editor_a, editor_b, head_a, head_b, office_user, topic
):
    def item_at_office(agency, editor, head, title):
        item = in_review(agency, editor, topic, title)
        act_on(item, head, "approve")

    item_at_office(agency_a, editor_a, head_a, "Tin 0")
    client.force_login(office_user)
    client.get(reverse("wagtailadmin_home"))  # warm the caches (content types, site, ...)
    one, response = count_queries(client)
    assert len(rows_of(response)) == 1

    for n in range(1, 10):
        agency, editor, head = (
            (agency_a, editor_a, head_a) if n % 2 else (agency_b, editor_b, head_b)
        )
        item_at_office(agency, editor, head, f"Tin {n}")
    ten, response = count_queries(client)

    assert len(rows_of(response)) == 10
    assert ten == one
