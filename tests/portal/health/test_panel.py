"""The dashboard's "Tình trạng hệ thống": the readiness checks, for the office and superusers."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bulletin.health import stale_after
from cchc_news.heartbeat import record_heartbeat
from portal.health.checks import run_checks

pytestmark = pytest.mark.django_db


def system_status(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(id="system-status-section")


def rows(panel):
    return {
        row["data-component"]: [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in panel.find_all("tr", attrs={"data-component": True})
    }


@pytest.mark.parametrize(
    "role, shown",
    [("editor_a", False), ("head_a", False), ("office_user", True), ("leader", True),
     ("superuser", True)],
)  # fmt: skip
def test_the_panel_is_for_the_office(client, section, request, role, shown):
    panel = system_status(client, request.getfixturevalue(role))
    assert (panel is not None) is shown


def test_every_component_in_vietnamese(client, office_user, beating):
    panel = system_status(client, office_user)
    assert "Tình trạng hệ thống" in panel.get_text()
    assert panel.find(role="alert") is None
    assert rows(panel) == {
        "database": ["Cơ sở dữ liệu", "đang hoạt động"],
        "cache": ["Bộ nhớ đệm", "đang hoạt động"],
        "broker": [
            "Hàng đợi tác vụ (broker)",
            "đang hoạt động không sử dụng: tác vụ chạy ngay trong tiến trình web",
        ],
        "worker": [
            "Tiến trình xử lý nền (worker)",
            "đang hoạt động không sử dụng: tác vụ chạy ngay trong tiến trình web",
        ],
        "beat": ["Bộ lập lịch (beat)", "đang hoạt động"],
        "assembly": ["Tổng hợp bản tin tuần", "đang hoạt động"],
    }


def test_a_failing_component_with_its_reason(client, office_user):
    record_heartbeat("tests", now=timezone.now() - stale_after() - timedelta(minutes=1))
    panel = system_status(client, office_user)
    assert panel.find(role="alert") is not None
    label, state = rows(panel)["beat"]
    assert state.startswith("lỗi bộ lập lịch không báo hoạt động từ ")
    assert state.endswith("(quá 5 phút)")
    assert rows(panel)["database"] == ["Cơ sở dữ liệu", "đang hoạt động"]


def test_the_checks_cost_a_few_queries_on_the_request_connection(section, beating):
    with CaptureQueriesContext(connection) as captured:
        run_checks()
    # The heartbeat, and the weeks' bulletins and items (bulletin.health.overdue_weeks);
    # the database check opens a connection of its own.
    assert len(captured) <= 4
