"""The weekly cycle's health: what the office reads on its dashboard and the assembly screen."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bulletin.assembly import assemble
from bulletin.health import cycle_health
from bulletin.weeks import Week
from cchc_news.models import JobRun, NewsItemPage

from .conftest import local

pytestmark = pytest.mark.django_db

# A Thursday: week 48's cut-off (Friday 27/11 16:00) has passed, week 49's (04/12) has not.
NOW = local(2026, 12, 3, 10, 0)
W47, W48 = Week(2026, 47), Week(2026, 48)


def kinds(health):
    return [warning.kind for warning in health.warnings]


def ran(name, at, *, error="", result="", succeeded=True):
    """Record a finished run of a job, as the scheduler does."""
    return JobRun.objects.update_or_create(
        name=name,
        defaults={
            "last_started_at": at - timedelta(seconds=2),
            "last_finished_at": at,
            "last_succeeded_at": at if succeeded else None,
            "last_result": result,
            "last_error": error,
        },
    )[0]


@pytest.fixture
def ticking():
    """A scheduler that ticked a minute ago and an assembly that went well."""
    ran("tick", NOW - timedelta(minutes=1))
    ran("assembly", NOW - timedelta(minutes=1), result="Bản tin CCHC số 1/2026: 3 added")


def test_fresh_install_has_never_ticked(archive):
    health = cycle_health(NOW)
    assert kinds(health) == ["never_ticked"]
    assert not health.ok and health.tick is None and health.assembly is None
    assert "chưa chạy lần nào" in health.warnings[0].message
    assert health.next_cutoff == local(2026, 12, 4, 16, 0)


def test_healthy(archive, ticking, publish_item):
    publish_item(local(2026, 11, 25, 9, 0))
    assemble(W48)
    publish_item(local(2026, 12, 1, 9, 0))  # waits for week 49, whose cut-off is ahead
    health = cycle_health(NOW)
    assert health.warnings == [] and health.ok
    assert health.tick.at == NOW - timedelta(minutes=1) and not health.tick.failed
    assert health.assembly.result == "Bản tin CCHC số 1/2026: 3 added"
    assert health.next_cutoff == local(2026, 12, 4, 16, 0)


def test_a_tick_older_than_five_minutes_is_stale(archive, settings):
    ran("tick", NOW - timedelta(minutes=4, seconds=59))
    assert kinds(cycle_health(NOW)) == []
    ran("tick", NOW - timedelta(minutes=5, seconds=1))
    health = cycle_health(NOW)
    assert kinds(health) == ["stale_tick"]
    assert "03/12/2026 09:54" in health.warnings[0].message  # local time, dd/mm/YYYY HH:MM
    assert "1 phút" in health.warnings[0].message


def test_stale_after_five_ticks_when_ticks_are_slower(archive, settings):
    settings.CCHC_TICK_SECONDS = 180
    ran("tick", NOW - timedelta(minutes=14))
    assert kinds(cycle_health(NOW)) == []
    ran("tick", NOW - timedelta(minutes=16))
    assert kinds(cycle_health(NOW)) == ["stale_tick"]


def test_ticks_that_start_but_never_finish_go_stale(archive):
    """A worker killed in every tick: it starts, it never ends."""
    JobRun.objects.create(
        name="tick",
        last_started_at=NOW - timedelta(seconds=30),
        last_finished_at=NOW - timedelta(hours=2),
        last_succeeded_at=NOW - timedelta(hours=2),
    )
    assert kinds(cycle_health(NOW)) == ["stale_tick"]


def test_the_first_tick_under_way_is_not_stale(archive):
    JobRun.objects.create(name="tick", last_started_at=NOW - timedelta(seconds=30))
    assert kinds(cycle_health(NOW)) == []


def test_a_failed_job_is_named_with_its_error(archive, ticking):
    ran(
        "deliveries",
        NOW - timedelta(minutes=2),
        error="Traceback (most recent call last):\n  ...\nConnectionError: máy chủ không trả lời\n",
        succeeded=False,
    )
    health = cycle_health(NOW)
    assert kinds(health) == ["job_failed"]
    message = health.warnings[0].message
    assert "gửi tin về Bản tin điện tử CCHC của Chính phủ" in message
    assert "ConnectionError: máy chủ không trả lời" in message and "Traceback" not in message
    assert "03/12/2026 09:58" in message


def test_a_job_that_succeeded_after_its_failure_is_fine(archive, ticking):
    run = ran("reminders", NOW - timedelta(minutes=30), error="SMTPError", succeeded=False)
    assert kinds(cycle_health(NOW)) == ["job_failed"]
    run.last_finished_at = run.last_succeeded_at = NOW - timedelta(minutes=1)
    run.save()  # the error text left from before does not matter once it succeeded
    assert kinds(cycle_health(NOW)) == []


def test_a_failed_tick_is_reported_as_the_schedulers_failure(archive):
    ran("tick", NOW - timedelta(minutes=1), error="OperationalError: database", succeeded=False)
    health = cycle_health(NOW)
    assert kinds(health) == ["job_failed"]
    assert health.tick.failed and "bộ lập lịch" in health.warnings[0].message


def test_a_missed_week_with_waiting_items_is_named_in_peoples_words(archive, ticking, publish_item):
    publish_item(local(2026, 11, 25, 9, 0))
    publish_item(local(2026, 11, 26, 9, 0))
    health = cycle_health(NOW)
    assert kinds(health) == ["missed_week"]
    warning = health.warnings[0]
    assert warning.week == W48
    assert "Tuần 48/2026 (20/11–27/11/2026)" in warning.message
    assert "2 tin, bài" in warning.message and "27/11/2026 16:00" in warning.message


def test_each_missed_week_counts_its_own_items(archive, ticking, publish_item):
    publish_item(local(2026, 10, 1, 9, 0))  # older than the horizon: the oldest week takes it
    publish_item(local(2026, 11, 18, 9, 0))
    publish_item(local(2026, 11, 25, 9, 0))
    warnings = cycle_health(NOW).warnings
    assert [(w.week, w.message.split(":")[-1].strip()) for w in warnings] == [
        (Week(2026, 41), "1 tin, bài đang chờ đưa vào bản tin."),
        (W47, "1 tin, bài đang chờ đưa vào bản tin."),
        (W48, "1 tin, bài đang chờ đưa vào bản tin."),
    ]


def test_a_week_is_missed_only_after_a_grace_period(archive, ticking, publish_item):
    publish_item(local(2026, 11, 25, 9, 0))
    for minutes, expected in ((14, []), (16, ["missed_week"])):
        now = local(2026, 11, 27, 16, minutes)
        ran("tick", now - timedelta(minutes=1))
        assert kinds(cycle_health(now)) == expected


def test_items_in_a_bulletin_offline_or_late_do_not_count(archive, ticking, publish_item):
    publish_item(local(2026, 11, 18, 9, 0))
    assemble(W47)  # issued, with its item
    late = publish_item(local(2026, 11, 20, 9, 0))  # after week 47's cut-off: week 48's
    NewsItemPage.objects.filter(pk=late.pk).update(live=False)
    publish_item(local(2026, 12, 2, 9, 0))  # week 49: not due yet
    assert kinds(cycle_health(NOW)) == []


def test_items_left_out_of_an_issued_bulletin_wait_for_the_next_week(
    archive, ticking, publish_item
):
    """An item older than an issued week's cut-off goes into the next bulletin: that week is due."""
    publish_item(local(2026, 11, 18, 9, 0))
    assemble(W47)
    publish_item(local(2026, 11, 19, 9, 0))  # e.g. taken out of week 47's bulletin by hand
    warnings = cycle_health(NOW).warnings
    assert [(w.kind, w.week) for w in warnings] == [("missed_week", W48)]


def test_a_draft_bulletin_of_a_past_week(archive, ticking, publish_item, settings):
    settings.BULLETIN_AUTO_PUBLISH = False
    publish_item(local(2026, 11, 25, 9, 0))
    bulletin = assemble(W48).bulletin
    health = cycle_health(NOW)
    assert [(w.kind, w.week, w.bulletin_id) for w in health.warnings] == [
        ("draft_bulletin", W48, bulletin.pk)
    ]
    assert "Tuần 48/2026 (20/11–27/11/2026)" in health.warnings[0].message
    assert "Bản tin CCHC số 1/2026" in health.warnings[0].message
    assert "chưa được đăng" in health.warnings[0].message


def test_queries_do_not_grow_with_weeks_items_or_jobs(archive, publish_item):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            cycle_health(NOW)
        return len(captured)

    few = queries()
    for week in range(40, 49):
        publish_item(Week(2026, week).cutoff() - timedelta(days=1))
        publish_item(Week(2026, week).cutoff() - timedelta(days=2))
    assemble(Week(2026, 44))
    for name in ("tick", "assembly", "deliveries", "reminders", "scheduled_publishing"):
        ran(name, NOW - timedelta(hours=1), error="Boom", succeeded=False)
    assert len(cycle_health(NOW).warnings) > 8
    assert queries() == few <= 5


# The dashboard


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response


def health_panel(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("section", attrs={"aria-labelledby": "cycle-health-heading"})


@pytest.mark.parametrize(
    "role, shown",
    [("editor_a", False), ("head_a", False), ("office_user", True), ("leader", True),
     ("superuser", True)],
)  # fmt: skip
def test_the_panel_is_for_the_office_and_leadership(client, archive, request, role, shown):
    panel = health_panel(dashboard(client, request.getfixturevalue(role)))
    assert (panel is not None) is shown


def test_the_healthy_panel_is_one_calm_line(client, archive, office_user, publish_item):
    now = timezone.now()
    publish_item(Week.containing(now).previous().cutoff() - timedelta(days=1))
    bulletin = assemble(Week.containing(now).previous()).bulletin
    ran("tick", now - timedelta(seconds=20))
    ran("assembly", now - timedelta(seconds=20), result="-")
    panel = health_panel(dashboard(client, office_user))
    text = panel.get_text(" ", strip=True)
    assert panel.find(role="alert") is None and panel.find(class_="help-critical") is None
    assert text.startswith("Quy trình bản tin tuần hoạt động bình thường: bộ lập lịch chạy")
    assert local_minute(now - timedelta(seconds=20)) in text
    assert (
        f"bản tin mới nhất: {bulletin.title}, đăng lúc {local_minute(bulletin.first_published_at)}"
        in text
    )
    assert f"thời hạn tổng hợp tiếp theo: {local_minute(cycle_health(now).next_cutoff)}" in text
    assert panel.find("a", href=reverse("bulletin_assemble")) is not None


def test_the_unhealthy_panel_warns_and_links_to_the_assembly(
    client, archive, office_user, publish_item
):
    last_week = Week.containing(timezone.now()).previous()
    publish_item(last_week.cutoff() - timedelta(days=1))
    panel = health_panel(dashboard(client, office_user))
    alert = panel.find(role="alert")
    assert alert is not None and "help-critical" in alert["class"]
    text = alert.get_text(" ", strip=True)
    assert "chưa chạy lần nào" in text
    assert f"Tuần {last_week.iso_week}/{last_week.iso_year}" in text
    assert alert.find("a", href=f"{reverse('bulletin_assemble')}?week={last_week}") is not None


def local_minute(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def test_dashboard_queries_do_not_grow_with_weeks_items_or_jobs(
    client, archive, office_user, publish_item
):
    client.force_login(office_user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("wagtailadmin_home")).status_code == 200
        return len(captured)

    queries()  # warm the per-process caches (site root, content types)
    few = queries()
    now = timezone.now()
    for weeks_back in range(1, 9):
        week = Week.containing(now)
        for _step in range(weeks_back):
            week = week.previous()
        publish_item(week.cutoff() - timedelta(days=1))
        publish_item(week.cutoff() - timedelta(days=2))
    for name in ("tick", "assembly", "deliveries", "reminders", "scheduled_publishing"):
        ran(name, now - timedelta(hours=1), error="Boom", succeeded=False)
    assert len(cycle_health(now).warnings) >= 8
    assert queries() == few


# The assembly screen


def test_the_assembly_screen_shows_the_cycle_with_the_assembly_result(
    client, archive, office_user, publish_item
):
    now = timezone.now()
    last_week = Week.containing(now).previous()
    publish_item(last_week.cutoff() - timedelta(days=1))
    client.force_login(office_user)
    block = health_panel(client.get(reverse("bulletin_assemble")))
    assert block.find(role="alert") is not None
    assert f"Tuần {last_week.iso_week}/{last_week.iso_year}" in block.get_text(" ", strip=True)

    assemble(last_week)
    ran("tick", now - timedelta(seconds=20))
    ran("assembly", now - timedelta(seconds=20), result=f"{last_week}: Bản tin CCHC số 1/2026")
    block = health_panel(client.get(reverse("bulletin_assemble")))
    text = block.get_text(" ", strip=True)
    assert block.find(role="alert") is None and "hoạt động bình thường" in text
    assert f"{last_week}: Bản tin CCHC số 1/2026" in text
    assert local_minute(now - timedelta(seconds=20)) in text


def test_any_failing_job_is_reported_by_its_name(archive, ticking):
    ran("reminders", NOW - timedelta(minutes=3), error="SMTPError: 451", succeeded=False)
    ran("sitemap_ping", NOW - timedelta(minutes=2), error="Timeout", succeeded=False)
    messages = [warning.message for warning in cycle_health(NOW).warnings]
    assert len(messages) == 2
    assert "“nhắc việc”" in messages[0] and "SMTPError: 451" in messages[0]
    assert "“sitemap_ping”" in messages[1]
