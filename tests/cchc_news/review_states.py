"""News items in every review state, each brought there through Wagtail's own actions."""

from datetime import timedelta

from django.utils import timezone

from cchc_news.models import NewsItemPage
from cchc_news.review_state import ReviewState
from cchc_news.withdrawal.actions import withdraw
from tests.workflows.builders import act_on, draft_item, start_review

HEAD_STEP = "Lãnh đạo đơn vị duyệt"  # the first step's name (setup_cchc, in Vietnamese)


def fresh(item):
    return NewsItemPage.objects.get(pk=item.pk)


def published(agency, people, title):
    """An item the editor wrote and the office published directly (first_published_at set)."""
    item = draft_item(agency, people.editor, title=title)
    item.save_revision(user=people.office).publish(user=people.office)
    return fresh(item)


def scheduled(agency, people, title):
    """An item approved at every step with a publication time two days ahead."""
    item = draft_item(agency, people.editor, title=title)
    item.go_live_at = timezone.now() + timedelta(days=2)
    start_review(item, people.editor)
    for reviewer in (people.head, people.office, people.leader):
        act_on(item, reviewer, "approve")
    return fresh(item)


def items_in_every_state(agency, people, prefix=""):
    """{ReviewState: [items]}; `people` has editor, head, office and leader of `agency`."""
    editor = people.editor
    in_review = draft_item(agency, editor, title=f"{prefix}Đang chờ duyệt")
    start_review(in_review, editor)
    # A published item whose new version is under review is in review.
    live_in_review = published(agency, people, f"{prefix}Đã đăng, sửa đang chờ duyệt")
    start_review(live_in_review, editor)
    sent_back = draft_item(agency, editor, title=f"{prefix}Bị trả lại")
    start_review(sent_back, editor)
    act_on(sent_back, people.head, "reject", comment="Bổ sung số liệu.")
    live_with_draft = published(agency, people, f"{prefix}Đã đăng, có bản nháp")
    live_with_draft.summary = "Tóm tắt đã sửa, chưa gửi duyệt."
    live_with_draft.save_revision(user=editor)
    withdrawn = published(agency, people, f"{prefix}Đã gỡ")
    withdraw(withdrawn, "Số liệu chưa được xác nhận.", None)
    expired = published(agency, people, f"{prefix}Đã hết hạn")
    expired.unpublish(set_expired=True)
    items = {
        ReviewState.DRAFT: [draft_item(agency, editor, title=f"{prefix}Bản nháp")],
        ReviewState.IN_REVIEW: [in_review, live_in_review],
        ReviewState.CHANGES_REQUESTED: [sent_back],
        ReviewState.SCHEDULED: [scheduled(agency, people, f"{prefix}Hẹn giờ đăng")],
        ReviewState.LIVE: [published(agency, people, f"{prefix}Đã đăng")],
        ReviewState.LIVE_WITH_DRAFT: [live_with_draft],
        ReviewState.WITHDRAWN: [withdrawn],
        ReviewState.EXPIRED: [expired],
    }
    return {state: [fresh(item) for item in group] for state, group in items.items()}


def ids(items):
    return {item.pk for item in items}
