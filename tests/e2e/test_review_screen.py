"""A reviewer's review, in the browser: from the dashboard's waiting list to the decision and back.

The dashboard's first panel (workflows.waiting) lists what waits for the reviewer, oldest first;
the review screen (workflows.review_screen) shows the item and posts the decision to Wagtail's
workflow action view, whose `next` gives the message and returns to the list.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import TaskState

from tests.factories import TopicFactory
from tests.workflows.builders import draft_item, start_review

from .artifacts import assert_accessible, screenshot
from .test_admin_slugs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OFFICE_STEP = "Phòng CCHC thẩm định"
WAITING_ROWS = "#cchc-waiting-section tbody tr"


def in_review(agency, editor, topic, title, days_ago):
    item = draft_item(agency, editor, title=title, topic=topic)
    start_review(item, editor)
    item.refresh_from_db()
    TaskState.objects.filter(pk=item.current_workflow_task_state.pk).update(
        started_at=timezone.now() - timedelta(days=days_ago)
    )
    return item


def test_a_head_reviews_the_oldest_item_and_comes_back_to_the_next(
    page, agency_a, editor_a, head_a
):
    topic = TopicFactory()
    oldest = in_review(
        agency_a, editor_a, topic, "Sở Tư pháp cấp phiếu lý lịch tư pháp trực tuyến", 7
    )
    in_review(agency_a, editor_a, topic, "Sở Tư pháp tập huấn dịch vụ công", 1)
    log_in(page, head_a)

    rows = page.locator(WAITING_ROWS)
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(oldest.title)
    expect(rows.first).to_contain_text(agency_a.name)
    expect(rows.first).to_contain_text("5 ngày làm việc")
    screenshot(page, "admin-reviewer-dashboard")
    assert_accessible(page, "admin-reviewer-dashboard")

    rows.first.get_by_role("link", name=oldest.title).click()

    page.wait_for_url(f"**/admin/cchc/review/{oldest.pk}/")
    expect(page.locator(".cchc-review__title")).to_have_text(oldest.title)
    preview = page.frame_locator("iframe.cchc-review__frame")
    expect(preview.locator("h1")).to_contain_text(oldest.title)
    expect(page.locator("[data-cchc-review-checklist] li").first).to_be_visible()
    buttons = page.locator("[data-cchc-review-action]")
    expect(buttons).to_have_text(["Duyệt", "Duyệt kèm ý kiến", "Yêu cầu chỉnh sửa"])
    screenshot(page, "admin-review-screen")
    assert_accessible(page, "admin-review-screen")

    buttons.first.click()

    page.wait_for_url("**/admin/")
    message = page.locator(".messages")
    expect(message).to_contain_text(f"Đã duyệt “{oldest.title}”")
    expect(message).to_contain_text(f"Tin chuyển sang bước “{OFFICE_STEP}”")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Sở Tư pháp tập huấn dịch vụ công")
    screenshot(page, "admin-reviewer-dashboard-after")
