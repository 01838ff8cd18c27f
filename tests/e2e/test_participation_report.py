"""The participation report as the CCHC office sees it: light and dark, desktop and phone.

Screenshots in test-artifacts/screenshots/participation-report-<theme>-<width>.png; the table
has a highlighted ("silent") agency, whose row must keep its contrast in every theme.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.factories import TopicFactory
from tests.workflows.builders import draft_item, start_review

from .artifacts import assert_accessible, screenshot
from .test_admin_accessibility import use_theme
from .test_admin_slugs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def report_data(agency_a, agency_b, editor_a):
    """This month: agency_a submitted an item; agency_b did nothing (a highlighted row)."""
    item = draft_item(agency_a, editor_a, title="Tin gửi duyệt tháng này", topic=TopicFactory())
    start_review(item, editor_a)
    return agency_b


def check_report(page, office_user, silent_agency, width):
    log_in(page, office_user)
    for theme in ("light", "dark", "system-dark"):
        use_theme(page, office_user, theme)
        page.goto(reverse("participation_report"))
        silent_row = page.locator("tr.participation-row--silent")
        expect(silent_row).to_contain_text(silent_agency.name)
        for label in (gettext("Export to Excel"), gettext("Export to CSV")):
            expect(page.get_by_role("link", name=label)).to_be_visible()
        expect(page.locator(".participation-chart__svg")).to_be_visible()
        name = f"participation-report-{theme}-{width}"
        screenshot(page, name)
        assert_accessible(page, name)


def test_the_report_on_a_desktop(page, office_user, report_data):
    check_report(page, office_user, report_data, 1280)


def test_the_report_on_a_phone(mobile_page, office_user, report_data):
    check_report(mobile_page, office_user, report_data, 390)


def test_the_export_button_downloads_the_spreadsheet(page, office_user, report_data):
    log_in(page, office_user)
    page.goto(reverse("participation_report"))

    with page.expect_download() as download:
        page.get_by_role("link", name=gettext("Export to Excel")).click()

    today = timezone.localdate()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert f"{today:%Y-%m}-01" in download.value.suggested_filename
