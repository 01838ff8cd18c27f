"""A new item typed in the browser is autosaved, then saved: one item, no slug clash.

Wagtail's autosave creates the page from the create form and points the form at its edit
view; a save pressed while that autosave is still under way reaches the create view with the
same address (slug). Both must end with one draft holding what was typed (cchc_news.admin.autosave).
"""

import time

import pytest
from django.test import override_settings
from playwright.sync_api import expect
from wagtail import hooks

from cchc_news.models import NewsItemPage

from .artifacts import screenshot
from .test_admin_slugs import log_in, open_new_item_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Phường Bến Thành trả kết quả hồ sơ tại nhà"
SUMMARY = "Người dân nhận kết quả thủ tục hành chính qua bưu điện."
CLASH = "đã được dùng cho một trang khác"
SLOW_AUTOSAVE_S = 2.5


def wait_for_editing(page):
    """Wagtail watches for edits from 2 s after the form opens (see test_editor_checklist)."""
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => {"
        " window.watchedAt = performance.now(); })"
    )


def type_new_item(page):
    page.wait_for_function("() => window.watchedAt && performance.now() - window.watchedAt > 1000")
    page.locator("#id_title").press_sequentially(TITLE)
    page.locator("#id_summary").press_sequentially(SUMMARY)


def autosaved_item():
    for _ in range(75):
        item = NewsItemPage.objects.filter(title=TITLE).first()
        if item is not None:
            return item
        time.sleep(0.2)
    return None


def leave(page):
    """Off the editor before the test's data go: its unload tells the server (editing sessions)."""
    page.goto("about:blank")
    page.wait_for_timeout(500)


def assert_saved_once(page):
    expect(page.locator(".messages")).not_to_contain_text(CLASH)
    expect(page.locator(".messages .success")).to_be_visible()
    items = list(NewsItemPage.objects.all())
    assert len(items) == 1, items
    assert items[0].get_latest_revision_as_object().summary == SUMMARY
    assert f"/admin/pages/{items[0].pk}/edit/" in page.url


def test_typing_a_new_item_waiting_for_the_autosave_then_saving(page, editor_a, agency_a):
    log_in(page, editor_a)
    wait_for_editing(page)
    open_new_item_form(page, agency_a)
    type_new_item(page)

    assert autosaved_item() is not None  # the autosave made the page: its slug is taken
    expect(page.locator("#w-autosave-indicator")).to_contain_text("Đã lưu")
    page.locator("footer button.action-save").click()

    page.wait_for_load_state()
    assert_saved_once(page)
    screenshot(page, "admin-new-item-saved-after-autosave")
    leave(page)


def slow_json_creation(request, page):
    if not request.accepts("text/html"):  # Wagtail's autosave asks for JSON
        time.sleep(SLOW_AUTOSAVE_S)


@override_settings(WAGTAIL_AUTOSAVE_INTERVAL=300)
def test_saving_while_the_autosave_is_under_way(page, editor_a, agency_a):
    """The save the editor presses reaches the create view while the autosave is creating."""
    log_in(page, editor_a)
    wait_for_editing(page)
    open_new_item_form(page, agency_a)

    with hooks.register_temporarily("after_create_page", slow_json_creation):
        with page.expect_request(
            lambda r: r.method == "POST" and r.headers.get("accept") == "application/json"
        ):
            type_new_item(page)
        page.wait_for_timeout(300)  # the autosave is now in the server, slowed down
        page.locator("footer button.action-save").click()
        page.wait_for_url("**/edit/**", timeout=20_000)
        page.wait_for_load_state()

    assert_saved_once(page)
    leave(page)


def test_a_real_slug_clash_says_which_tab_holds_the_address(page, editor_a, agency_a):
    """Another item already has the address: the message at the top names the field's tab."""
    from tests.factories import TopicFactory
    from tests.workflows.builders import draft_item

    draft_item(agency_a, editor_a, title=TITLE, topic=TopicFactory())
    log_in(page, editor_a)
    open_new_item_form(page, agency_a)
    page.locator("#id_title").press_sequentially(TITLE)
    page.locator("#id_title").press("Tab")
    page.wait_for_timeout(300)  # Wagtail's slug sync
    page.locator("footer button.action-save").click()

    messages = page.locator(".messages")
    expect(messages).to_contain_text(CLASH)
    expect(messages).to_contain_text("“Quảng bá”")
    expect(
        page.locator('[role="tab"]', has_text="Quảng bá").locator(".w-tabs__errors")
    ).to_be_visible()
    screenshot(page, "admin-new-item-slug-clash")
    leave(page)
