"""In the item editor the checklist stays in sight and follows what the editor types.

The side panel (cchc_news/side_panels.py) opens by itself the first time; its toggle in the
sticky header counts the failing rules; cchc_news/static/cchc_news/js/checklist.js posts the
unsaved form to the checklist endpoint and redraws the panel, the counter and the summary.
"""

import pytest
from playwright.sync_api import expect

from cchc_news.models import NewsItemPage
from tests.factories import TopicFactory
from tests.workflows.builders import draft_item

from .artifacts import screenshot
from .test_admin_slugs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SUMMARY = "Sở Tư pháp tiếp nhận hồ sơ lý lịch tư pháp trực tuyến toàn trình."
PANEL = '[data-side-panel="cchc-checklist"]'
TOGGLE = '[data-side-panel-toggle="cchc-checklist"]'


@pytest.fixture
def editor(page, editor_a, agency_a):
    """The editor of a draft whose only failing rule is the missing original file."""
    item = draft_item(agency_a, editor_a, topic=TopicFactory(), summary=SUMMARY)
    log_in(page, editor_a)
    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.locator("#id_summary").wait_for()
    return page


def counter(page):
    return page.locator(f"{TOGGLE} [data-side-panel-toggle-counter]")


def rule(page, code):
    return page.locator(f'{PANEL} li[data-rule="{code}"]')


def test_checklist_is_open_beside_the_form_and_follows_the_typing(editor):
    panel = editor.locator(PANEL)
    expect(panel).to_be_visible()
    expect(counter(editor)).to_have_text("1")
    expect(rule(editor, "original_file")).to_have_attribute("data-passed", "false")
    expect(rule(editor, "summary")).to_have_attribute("data-passed", "true")

    editor.locator("#id_summary").fill("")

    expect(rule(editor, "summary")).to_have_attribute("data-passed", "false")
    expect(counter(editor)).to_have_text("2")
    summary = editor.locator("[data-cchc-checklist-summary]")
    expect(summary).to_contain_text("2 tiêu chí chưa đạt")
    expect(summary).to_contain_text("Viết tóm tắt (sapo) ngắn gọn")
    expect(editor.locator(f"{PANEL} [data-cchc-checklist-announce]")).to_contain_text("2 tiêu chí")

    editor.locator("#id_summary").fill(SUMMARY * 12)  # far over 500 characters
    expect(rule(editor, "summary")).to_contain_text("(tối đa 500)")
    expect(rule(editor, "summary")).to_have_attribute("data-passed", "false")

    editor.locator("#id_summary").fill(SUMMARY)
    expect(counter(editor)).to_have_text("1")
    screenshot(editor, "admin-editor-checklist")


def test_checklist_stays_in_sight_on_every_tab_and_down_the_form(editor):
    editor.locator('[role="tab"]', has_text="Quảng bá").click()
    expect(editor.locator(PANEL)).to_be_visible()

    editor.locator('[role="tab"]', has_text="Nội dung").click()
    editor.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(editor.locator(PANEL)).to_be_in_viewport()
    expect(editor.locator(TOGGLE)).to_be_in_viewport()


def test_the_form_reopens_a_closed_checklist(editor):
    editor.locator("[data-form-side-close-button]").click()
    expect(editor.locator(PANEL)).to_be_hidden()
    expect(counter(editor)).to_be_visible()  # the count stays in the header

    editor.locator("[data-cchc-checklist-open]").click()

    expect(editor.locator(PANEL)).to_be_visible()
    expect(editor.locator(TOGGLE)).to_have_attribute("aria-expanded", "true")


def test_a_failed_update_keeps_the_last_result_and_says_so(editor):
    error = editor.locator(f"{PANEL} [data-cchc-checklist-error]")
    editor.route("**/admin/cchc/checklist/**", lambda route: route.abort())

    editor.locator("#id_summary").fill("")

    expect(error).to_be_visible()
    expect(error).to_contain_text("Chưa cập nhật được danh mục kiểm tra")
    expect(counter(editor)).to_have_text("1")
    expect(editor.locator("#id_summary")).to_have_value("")  # the typing is not lost

    editor.unroute("**/admin/cchc/checklist/**")
    editor.locator("#id_summary").fill("Tóm tắt mới.")
    expect(error).to_be_hidden()
    expect(rule(editor, "summary")).to_contain_text("12 ký tự (tối đa 500)")


def test_typing_is_kept_as_a_draft_without_pressing_save(page, editor_a, agency_a):
    """Wagtail's autosave works with the item's form: what is typed is kept as a draft."""
    item = draft_item(agency_a, editor_a, topic=TopicFactory(), summary=SUMMARY)
    log_in(page, editor_a)
    # Wagtail takes the form as it stands 2 s after opening it as the unedited state, then
    # watches for edits; it may take that state twice, a few milliseconds apart. What is typed
    # before the last time counts as unedited, so wait until it has settled.
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => {"
        " window.watchedAt = performance.now(); })"
    )
    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.wait_for_function("() => window.watchedAt && performance.now() - window.watchedAt > 1000")
    summary = page.locator("#id_summary")
    summary.fill("")
    summary.press_sequentially("Tóm tắt được lưu tự động.")  # typed, as a person types
    summary.press("Tab")

    saved = None
    for _ in range(50):  # the indicator may say "saved" for the loaded revision: ask the database
        page.wait_for_timeout(200)
        saved = NewsItemPage.objects.get(pk=item.pk).get_latest_revision_as_object().summary
        if saved != SUMMARY:
            break
    assert saved == "Tóm tắt được lưu tự động."
    expect(page.locator("#w-autosave-indicator")).to_contain_text("Đã lưu")
    item.refresh_from_db()
    assert not item.live  # a draft: nothing is published or sent for review
