"""In the admin, a Vietnamese title gives a readable ASCII slug while the editor types.

Wagtail's own transliteration turns "Đẩy mạnh" into "djy-mnh"; cchc_news's editor script
(static/cchc_news/js/vietnamese-slug.js) makes the slug that the server would make.
"""

import pytest
from playwright.sync_api import expect

from cchc_news.models import NewsItemPage
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Đẩy mạnh cải cách hành chính"
# Wagtail's title sync applies the title 100 ms after each keystroke, blur or change
# (SyncController's debounce); a test acts faster than that, a person does not.
SYNC_SETTLES_MS = 300


def log_in(page, user):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")


def open_new_item_form(page, agency):
    page.goto(f"/admin/pages/add/cchc_news/newsitempage/{agency.index_page.pk}/")
    page.locator("#id_title").wait_for()


def show_slug(page):
    """The slug field, shown by opening its tab ("Promote": its id follows the language)."""
    slug = page.locator("#id_slug")
    panel = slug.evaluate("field => field.closest('[role=tabpanel]').id")
    page.locator(f'[role="tab"][href="#{panel}"]').click()  # the title's blur syncs it again
    page.wait_for_timeout(SYNC_SETTLES_MS)
    expect(slug).to_be_visible()
    return slug


def show_title(page):
    title = page.locator("#id_title")
    panel = title.evaluate("field => field.closest('[role=tabpanel]').id")
    page.locator(f'[role="tab"][href="#{panel}"]').click()
    return title


@pytest.fixture
def editor_page(page, editor_a, agency_a):
    log_in(page, editor_a)
    open_new_item_form(page, agency_a)
    return page


def test_slug_follows_the_vietnamese_title_as_it_is_typed(editor_page):
    title, slug = editor_page.locator("#id_title"), editor_page.locator("#id_slug")
    title.press_sequentially(TITLE)
    expect(slug).to_have_value("day-manh-cai-cach-hanh-chinh")
    title.blur()
    editor_page.wait_for_timeout(SYNC_SETTLES_MS)

    # On focus Wagtail stops the sync if the slug no longer matches the title.
    title.focus()
    title.press("End")
    title.press_sequentially(" ở phường Đông Hòa")

    expect(show_slug(editor_page)).to_have_value("day-manh-cai-cach-hanh-chinh-o-phuong-dong-hoa")


def test_slug_typed_by_hand_is_transliterated_and_kept(editor_page):
    editor_page.locator("#id_title").press_sequentially(TITLE)
    slug = show_slug(editor_page)
    expect(slug).to_have_value("day-manh-cai-cach-hanh-chinh")
    slug.fill("Đồng Nai tiên phong")
    slug.blur()
    expect(slug).to_have_value("dong-nai-tien-phong")

    title = show_title(editor_page)
    title.press("End")
    title.press_sequentially(" năm 2026")
    expect(title).to_have_value(f"{TITLE} năm 2026")

    expect(show_slug(editor_page)).to_have_value("dong-nai-tien-phong")


def test_saved_draft_keeps_the_slug_shown(editor_page, agency_a):
    editor_page.locator("#id_title").press_sequentially(TITLE)
    expect(show_slug(editor_page)).to_have_value("day-manh-cai-cach-hanh-chinh")

    editor_page.locator("button.action-save").first.click()  # "Save draft"; then "Save schedule"

    editor_page.wait_for_url("**/admin/pages/*/edit/")
    item = NewsItemPage.objects.child_of(agency_a.index_page).get()
    assert (item.title, item.slug) == (TITLE, "day-manh-cai-cach-hanh-chinh")
    assert not item.live
