"""The item editor's footer and the office's "publish without review", as people see them.

'Gửi duyệt' is the footer's main button once the checklist passes ('Lưu bản nháp' while rules
fail), with the week's cut-off on its own line beside it. The office publishing at once an item
that fails rules sees them and must tick that it has read them (cchc_news.forms).
"""

import pytest
from playwright.sync_api import expect
from wagtail.models import PageLogEntry

from tests.factories import TopicFactory
from tests.workflows.builders import draft_item

from .artifacts import screenshot
from .content import original_pdf
from .test_admin_slugs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SUMMARY = "Sở Tư pháp tiếp nhận hồ sơ lý lịch tư pháp trực tuyến toàn trình."
FOOTER = "footer nav.actions"
REASON = "Thông báo khẩn của UBND tỉnh, đăng ngay; tệp gốc gửi bổ sung sau."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def open_editor(page, user, item):
    log_in(page, user)
    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.locator("#id_summary").wait_for()


def main_button(page):
    return page.locator(f"{FOOTER} .w-dropdown-button > button").first


def leave(page):
    page.goto("about:blank")
    page.wait_for_timeout(500)


def test_submit_is_the_main_button_once_the_checklist_passes(page, editor_a, agency_a):
    item = draft_item(
        agency_a,
        editor_a,
        topic=TopicFactory(),
        summary=SUMMARY,
        original_file=original_pdf(agency_a, "tin-bai"),
    )
    open_editor(page, editor_a, item)

    expect(main_button(page)).to_have_text("Gửi duyệt")
    cutoff = page.locator(f"{FOOTER} [data-cchc-cutoff]")
    expect(cutoff).to_be_visible()
    expect(cutoff).to_contain_text("Thời hạn tổng hợp tuần này:")
    # Beside the button, not inside it, and whole: not cut off by the footer's edge.
    button_box, cutoff_box = main_button(page).bounding_box(), cutoff.bounding_box()
    footer_box = page.locator(FOOTER).bounding_box()
    assert cutoff_box["x"] >= button_box["x"] + button_box["width"]
    assert cutoff_box["x"] + cutoff_box["width"] <= footer_box["x"] + footer_box["width"]
    assert cutoff_box["y"] < button_box["y"] + button_box["height"]  # not wrapped under it
    page.screenshot(path=str(screenshot(page, "admin-footer-checklist-passing")))
    leave(page)


def test_save_draft_is_the_main_button_while_rules_fail(page, editor_a, agency_a):
    item = draft_item(agency_a, editor_a, topic=TopicFactory(), summary=SUMMARY)
    open_editor(page, editor_a, item)

    expect(main_button(page)).to_have_text("Lưu bản nháp")
    expect(page.locator(f"{FOOTER} [data-cchc-cutoff]")).to_be_visible()
    page.screenshot(path=str(screenshot(page, "admin-footer-checklist-failing")))
    leave(page)


def test_the_office_publishing_at_once_acknowledges_the_failing_rules(
    page, editor_a, office_user, agency_a
):
    item = draft_item(agency_a, editor_a, topic=TopicFactory(), summary=SUMMARY)
    open_editor(page, office_user, item)
    section = page.locator("[data-cchc-publish-without-review]")
    section.scroll_into_view_if_needed()
    expect(section).to_contain_text("Đính kèm tệp gốc")  # the failing rule, named
    page.locator("#id_publication_reason").fill(REASON)

    page.locator(f"{FOOTER} [data-controller~='w-dropdown'] button").first.click()
    page.locator(f"{FOOTER} button[name='action-publish']").click()

    error = page.locator("#id_acknowledge_failing_rules").locator("xpath=ancestor::*[@data-field]")
    expect(error).to_contain_text("Tiêu chí chưa đạt — Đính kèm tệp gốc")
    expect(page.locator("#id_publication_reason")).to_have_value(REASON)  # nothing lost
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot(page, "admin-force-publish-acknowledge")))

    page.locator("#id_acknowledge_failing_rules").check()
    page.locator(f"{FOOTER} [data-controller~='w-dropdown'] button").first.click()
    page.locator(f"{FOOTER} button[name='action-publish']").click()
    expect(page.locator(".messages .success")).to_be_visible()
    entry = PageLogEntry.objects.get(page=item, action="cchc_news.publish_without_review")
    assert [rule["code"] for rule in entry.data["failing_rules"]] == ["original_file"]

    page.goto(f"/admin/pages/{item.pk}/history/")
    expect(page.locator("main")).to_contain_text("Tiêu chí chưa đạt khi đăng")
    screenshot(page, "admin-force-publish-history")
    leave(page)


def test_the_main_button_follows_the_checklist_as_the_editor_types(page, editor_a, agency_a):
    """The server's choice is the start; the checklist script swaps the buttons live."""
    item = draft_item(
        agency_a,
        editor_a,
        topic=TopicFactory(),
        summary=SUMMARY,
        original_file=original_pdf(agency_a, "tin-bai"),
    )
    open_editor(page, editor_a, item)
    expect(main_button(page)).to_have_text("Gửi duyệt")

    page.locator("#id_summary").fill("")  # the summary rule now fails

    expect(main_button(page)).to_have_text("Lưu bản nháp")
    expect(page.locator(f"{FOOTER} button[name='action-submit']")).to_have_count(1)

    page.locator("#id_summary").fill(SUMMARY)

    expect(main_button(page)).to_have_text("Gửi duyệt")
    page.locator(f"{FOOTER} [data-controller~='w-dropdown'] button").first.click()
    expect(page.locator(f"{FOOTER} button.action-save")).to_be_visible()  # in the menu now
    page.screenshot(path=str(screenshot(page, "admin-footer-menu-after-swap")))
    leave(page)
