"""The week's cut-off reaches the editor through the "cchc_news_cutoff" hook (cchc_news.cutoff).

With the bulletin app installed it supplies the cut-off (tests/bulletin/test_cutoff.py); without
any app answering, the editor's footer, its checklist, the dashboard panel and the embedded
scheduler go on without one.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from cchc_news.cutoff import HOOK_NAME, Cutoff, cutoff_explanation, next_cutoff
from cchc_news.management.commands.run_scheduler import Command as RunScheduler
from cchc_news.models import NewsItemPage
from tests.factories import NewsItemPageFactory, TopicFactory

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=HCM)  # a Friday, an hour before 16:00


def supplied(at, label="Hạn:"):
    return Cutoff(at=at, label=label, when=f"{at:%H:%M}", explanation=f"trước {at:%H:%M}")


@pytest.fixture
def no_supplier(monkeypatch):
    """As without the bulletin app: no function answers the hook."""
    hooks.search_for_hooks()  # the installed apps register theirs first, then we drop them
    monkeypatch.setitem(hooks._hooks, HOOK_NAME, [])


@pytest.fixture
def draft(agency_a, editor_a):
    item = NewsItemPageFactory(
        parent=agency_a.index_page, live=False, owner=editor_a, topic=TopicFactory()
    )
    item.save_revision(user=editor_a)
    return NewsItemPage.objects.get(pk=item.pk)


def edit_page(client, user, item):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(item.pk,)))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# The hook ------------------------------------------------------------------------------


def test_the_first_supplier_that_answers_wins(no_supplier):
    soon, later = NOW + timedelta(hours=1), NOW + timedelta(hours=2)
    with (
        hooks.register_temporarily(HOOK_NAME, lambda now: None, order=-2),
        hooks.register_temporarily(HOOK_NAME, lambda now: supplied(later), order=1),
        hooks.register_temporarily(HOOK_NAME, lambda now: supplied(soon), order=-1),
    ):
        assert next_cutoff(NOW).at == soon


def test_a_supplier_is_asked_about_now(no_supplier):
    asked = []
    with hooks.register_temporarily(HOOK_NAME, lambda now: asked.append(now)):
        next_cutoff(NOW)
        next_cutoff()
    assert asked[0] == NOW
    assert asked[1] is not None and timezone.is_aware(asked[1])


# Without a supplier ----------------------------------------------------------------------


def test_no_cutoff_without_a_supplier(no_supplier):
    assert next_cutoff(NOW) is None
    assert cutoff_explanation(NOW) is None


def test_the_editor_shows_no_cutoff_without_a_supplier(no_supplier, client, editor_a, draft):
    soup = edit_page(client, editor_a, draft)
    assert soup.select_one("footer nav.actions") is not None
    assert soup.select_one("[data-cchc-cutoff]") is None
    checklist = soup.find(attrs={"data-cchc-checklist": True})
    assert checklist is not None
    assert not checklist.select(".help-info")
    assert "Thời hạn tổng hợp" not in soup.get_text()
    assert "bản tin tuần này" not in soup.get_text()


def test_the_editor_shows_the_supplied_cutoff(no_supplier, client, editor_a, draft):
    with hooks.register_temporarily(HOOK_NAME, lambda now: supplied(NOW, "Hạn nộp:")):
        soup = edit_page(client, editor_a, draft)
    cutoff = soup.select_one("footer [data-cchc-cutoff]")
    assert cutoff.get_text(" ", strip=True) == "Hạn nộp: 15:00"
    assert cutoff["title"] == "trước 15:00"
    assert "trước 15:00" in soup.find(attrs={"data-cchc-checklist": True}).get_text()


def test_the_dashboard_panel_shows_no_cutoff_without_a_supplier(no_supplier, client, editor_a):
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").find(
        "section", attrs={"aria-labelledby": "my-agency-heading"}
    )
    assert panel is not None
    assert not panel.select(".help-info")
    assert "bản tin tuần này" not in panel.get_text()


def test_the_embedded_scheduler_waits_for_the_supplied_cutoff(no_supplier):
    soon = timezone.now() + timedelta(seconds=10)
    with hooks.register_temporarily(HOOK_NAME, lambda now: supplied(soon)):
        assert 9 < RunScheduler().seconds_to_next_tick(60) <= 10.5


def test_the_embedded_scheduler_ticks_at_its_interval_without_a_supplier(no_supplier):
    assert RunScheduler().seconds_to_next_tick(60) == 60
