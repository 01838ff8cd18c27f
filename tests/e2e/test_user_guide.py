"""The user guide's screenshots (cchc_news.guide), taken as each role meets the screens: one test
per role opens the screens its guide describes and saves them. Each test then opens the role's
guide page and checks that every picture shows.

A run saves them into test-artifacts/guide/ (they carry today's dates, so every run differs);
`make guide-screenshots` (CCHC_GUIDE_SCREENSHOTS=update) saves them over the guide's own, in
cchc_news/static/cchc_news/guide/, to be committed when the screens change.
"""

import io
import os
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from bulletin.assembly import current_week
from cchc_news.heartbeat import record_heartbeat
from cchc_news.models import NewsItemPage
from cchc_news.scheduler import TICK, record_job
from tests.factories import NewsItemPageFactory, TopicFactory
from tests.files import make_pdf
from tests.workflows.builders import act_on, draft_item, make_document, start_review

from .artifacts import ARTIFACTS, assert_accessible, screenshot, wait_until_loaded
from .test_admin_slugs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
GUIDE_IMAGES = (
    ROOT / "cchc_news/static/cchc_news/guide"
    if os.environ.get("CCHC_GUIDE_SCREENSHOTS") == "update"
    else ARTIFACTS / "guide"
)
PANEL = '[data-side-panel="cchc-checklist"]'
WAITING_ROWS = "#cchc-waiting-section tbody tr"
TITLE = "Sở Tư pháp cấp phiếu lý lịch tư pháp trực tuyến toàn trình"
SUMMARY = "Từ tháng 11, người dân nhận phiếu lý lịch tư pháp qua dịch vụ công trực tuyến."


def keep(page, name):
    """What the screen shows in a 1280 × 900 window: the part the guide's text talks about.

    In 256 colours, which the admin's flat screens fit: a third of the size, text as sharp."""
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    wait_until_loaded(page)
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    flat = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    flat.save(GUIDE_IMAGES / f"{name}.png", optimize=True)


def check_the_guide(page, role):
    """The role's guide page: every picture loaded; a full-page copy for people to look at."""
    page.goto(f"/admin/huong-dan/{role}/")
    screenshot(page, f"admin-guide-{role}")  # its top: title and roles
    assert_accessible(page, f"admin-guide-{role}")
    images = page.locator(".cchc-guide__figure img")
    for image in images.all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")


OFFICE_COMMENT = "Đã biên tập lại tóm tắt cho gọn; đề nghị Lãnh đạo Sở duyệt đăng."


def item_waiting_for(agency, editor, approvers):
    """An item submitted by `editor` and approved by each of `approvers`, in order (the
    office with a comment, as it usually writes one)."""
    document = make_document(make_pdf(pages=2), "phieu-ly-lich-tu-phap.pdf", agency, editor)
    item = draft_item(
        agency, editor, title=TITLE, summary=SUMMARY, topic=TopicFactory(), original_file=document
    )
    start_review(item, editor)
    for step, user in enumerate(approvers):
        if step == 1:
            act_on(item, user, "approve_with_comment", comment=OFFICE_COMMENT)
        else:
            act_on(item, user, "approve")
    return item


# Each role a person of its own in the pictures (family name, given names).
NAMES = {
    "editor_a": ("Trần", "Thị Thu Hà"),
    "head_a": ("Lê", "Minh Quân"),
    "office_user": ("Phạm", "Ngọc Lan"),
    "leader": ("Hoàng", "Văn Đức"),
}


@pytest.fixture(autouse=True)
def _named_people(request, db):
    for fixture, (family, given) in NAMES.items():
        if fixture in request.fixturenames:
            user = request.getfixturevalue(fixture)
            user.last_name, user.first_name = family, given
            user.save(update_fields=["last_name", "first_name"])


@pytest.fixture(autouse=True)
def _fresh_media(settings, tmp_path):
    """Files keep the names they were given (no suffix for a name an earlier run left)."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _scheduler_runs(db):
    """The scheduler ticks, as in production: no "never ran" warning over the screens."""
    now = timezone.now()
    record_job(TICK, last_started_at=now, last_finished_at=now, last_succeeded_at=now)
    record_heartbeat("celery beat", now)


def test_the_editors_screens(page, agency_a, editor_a):
    NewsItemPageFactory(parent=agency_a.index_page, owner=editor_a)
    item = draft_item(agency_a, editor_a, title=TITLE, summary=SUMMARY, topic=TopicFactory())
    log_in(page, editor_a)
    expect(page.locator(".cchc-agency-panel")).to_be_visible()
    keep(page, "editor-dashboard")

    page.goto(f"/admin/pages/add/cchc_news/newsitempage/{agency_a.index_page.pk}/")
    page.locator("#id_title").fill("Sở Tư pháp tập huấn dịch vụ công trực tuyến")
    page.locator("#id_summary").fill(SUMMARY)
    page.locator("#id_summary").blur()
    expect(page.locator("[data-cchc-checklist-summary]")).to_contain_text("2 tiêu chí chưa đạt")
    page.locator("[data-form-side-close-button]").click()  # the form itself, full width
    expect(page.locator(PANEL)).to_be_hidden()
    keep(page, "editor-form")

    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.locator("#id_summary").wait_for()
    if not page.locator(PANEL).is_visible():
        page.locator("[data-cchc-checklist-open]").click()
    expect(page.locator(PANEL)).to_be_visible()
    expect(page.locator(f'{PANEL} li[data-rule="original_file"]')).to_have_attribute(
        "data-passed", "false"
    )
    keep(page, "editor-checklist")
    check_the_guide(page, "editor")


def review_screens(page, user, item, role):
    log_in(page, user)
    expect(page.locator(WAITING_ROWS).first).to_contain_text(item.title)
    # The whole waiting list in the window: the office's panels come before it.
    page.locator("#cchc-waiting-section").evaluate(
        "panel => panel.scrollIntoView({block: 'nearest'})"
    )
    keep(page, f"{role}-dashboard")
    page.goto(f"/admin/cchc/review/{item.pk}/")
    expect(page.locator("[data-cchc-review-action]").first).to_be_visible()
    keep(page, f"{role}-review")


def test_the_heads_screens(page, agency_a, editor_a, head_a):
    item = item_waiting_for(agency_a, editor_a, [])
    review_screens(page, head_a, item, "head")
    check_the_guide(page, "head")


def published_this_period(agency, editor, count):
    """Items the week's bulletin takes: published inside the period the assembly page shows."""
    start, end = current_week().period()
    moment = start + (min(timezone.now(), end) - start) / 2
    for _ in range(count):
        item = NewsItemPageFactory(parent=agency.index_page, owner=editor)
        NewsItemPage.objects.filter(pk=item.pk).update(
            first_published_at=moment, last_published_at=moment
        )


def test_the_offices_screens(page, agency_a, editor_a, head_a, office_user):
    published_this_period(agency_a, editor_a, 2)
    item = item_waiting_for(agency_a, editor_a, [head_a])
    review_screens(page, office_user, item, "office")
    page.goto("/admin/bulletin/assemble/")
    expect(page.locator(".bulletin-assembly")).to_be_visible()
    keep(page, "office-assembly")
    check_the_guide(page, "office")


def test_the_leaderships_screens(page, agency_a, editor_a, head_a, office_user, leader):
    item = item_waiting_for(agency_a, editor_a, [head_a, office_user])
    review_screens(page, leader, item, "leadership")
    page.goto("/admin/reports/participation/")
    expect(page.locator("main")).to_be_visible()
    keep(page, "leadership-participation")
    check_the_guide(page, "leadership")
