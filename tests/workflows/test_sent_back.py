"""An item sent back for changes reaches its author where they work.

On their dashboard (who sent it back, when, at which step, the comment), at the top of the
item's editor, and under the state "Đã trả lại để chỉnh sửa" wherever the item's status is
shown; resubmitting it clears all of that.
"""

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import WorkflowState

from .builders import act_on, draft_item, start_review
from .helpers import edit_url, submit_form
from .test_dashboard import dashboard, groups_of, my_agency_panel

pytestmark = pytest.mark.django_db

SENT_BACK = "Đã trả lại để chỉnh sửa"
IN_MODERATION = "Đang chờ duyệt"
HEAD_STEP = "Lãnh đạo đơn vị duyệt"
COMMENT = "Bổ sung số liệu quý III & ảnh <minh họa>."
TITLE = "Sở Tư pháp trả kết quả qua bưu điện"


@pytest.fixture
def head_lan(make_user, agency_a):
    return make_user("head_lan", agency_a.heads_group, first_name="Thị Lan", last_name="Trần")


@pytest.fixture
def sent_back(agency_a, editor_a, head_lan, topic):
    item = draft_item(agency_a, editor_a, title=TITLE, topic=topic)
    start_review(item, editor_a)
    act_on(item, head_lan, "reject", comment=COMMENT)
    assert item.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    return item


def text_of(element):
    return " ".join(element.get_text(" ", strip=True).split())


def resubmit_through_admin(client, editor, item, topic, document):
    """The editor's "Gửi duyệt lại" in the item's editor (Wagtail resumes the workflow)."""
    client.force_login(editor)
    data = submit_form(topic, document, title=item.title, slug=item.slug)
    response = client.post(edit_url(item), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert item.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS


# The dashboard


def sent_back_group(response):
    return my_agency_panel(response).find(attrs={"data-cchc-sent-back": True})


def test_the_dashboard_says_who_sent_the_item_back_when_at_which_step_and_why(
    client, editor_a, sent_back
):
    response = dashboard(client, editor_a)

    group = sent_back_group(response)
    assert group is not None
    [line] = group.find_all("li")
    text = text_of(line)
    assert TITLE in text
    assert "Trần Thị Lan" in text
    assert HEAD_STEP in text
    assert COMMENT in text  # as typed, escaped once
    finished_at = sent_back.workflow_states.get().current_task_state.finished_at
    assert datetime.fromisoformat(line.find("time")["datetime"]) == finished_at
    assert line.find("a")["href"] == edit_url(sent_back)


def test_wagtails_own_workflow_panel_names_the_step_that_sent_it_back(client, editor_a, sent_back):
    response = dashboard(client, editor_a)

    panel = BeautifulSoup(response.content, "html.parser").find(id="objects-in-workflow-content")
    assert f"Đã trả lại để chỉnh sửa ở bước {HEAD_STEP}" in text_of(panel)


def test_another_agencys_editor_sees_neither_the_item_nor_the_comment(
    client, editor_b, agency_b, sent_back
):
    response = dashboard(client, editor_b)

    assert groups_of(my_agency_panel(response))[SENT_BACK] == (0, [])
    content = response.content.decode()
    assert TITLE not in content
    assert "Bổ sung số liệu" not in content


def test_resubmitting_takes_the_item_out_of_the_sent_back_list(
    client, editor_a, sent_back, topic, original_pdf
):
    resubmit_through_admin(client, editor_a, sent_back, topic, original_pdf)

    response = dashboard(client, editor_a)
    groups = groups_of(my_agency_panel(response))
    assert groups[SENT_BACK] == (0, [])
    assert groups["Chờ duyệt"] == (1, [f"{TITLE} — {HEAD_STEP}"])
    assert "Bổ sung số liệu" not in response.content.decode()


def test_the_sent_back_list_costs_the_same_queries_for_one_item_or_several(
    client, make_user, agency_a, editor_a, head_lan, topic, sent_back, django_assert_max_num_queries
):
    client.force_login(editor_a)
    client.get(reverse("wagtailadmin_home"))  # warm the caches
    with django_assert_max_num_queries(1000) as captured:
        client.get(reverse("wagtailadmin_home"))
    one = len(captured.captured_queries)

    other_head = make_user("head_minh", agency_a.heads_group, first_name="Văn Minh", last_name="Lê")
    for n, head in enumerate([head_lan, other_head, other_head]):
        item = draft_item(agency_a, editor_a, title=f"Tin bị trả lại {n}", topic=topic)
        start_review(item, editor_a)
        act_on(item, head, "reject", comment=f"Ý kiến {n}")
    with django_assert_max_num_queries(one):
        response = client.get(reverse("wagtailadmin_home"))

    lines = [text_of(li) for li in sent_back_group(response).find_all("li")]
    assert len(lines) == 4
    assert sum("Lê Văn Minh" in line for line in lines) == 2
    assert any("Ý kiến 2" in line for line in lines)


# The editor


def sent_back_notice(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(attrs={"data-cchc-sent-back-notice": True})


def test_the_editor_opens_with_the_comment_who_when_and_the_step(client, editor_a, sent_back):
    client.force_login(editor_a)
    response = client.get(edit_url(sent_back))

    assert response.status_code == 200
    notice = sent_back_notice(response)
    assert notice is not None
    text = text_of(notice)
    assert SENT_BACK in text
    assert "Trần Thị Lan" in text and HEAD_STEP in text
    assert COMMENT in text
    assert notice.find("time") is not None
    # Above the form (and its tabs), so whatever tab the editor is on.
    assert notice.find_parent("form") is None
    assert notice.find_next("form")["id"] == "page-edit-form"


def test_an_item_under_review_or_a_draft_has_no_notice(client, agency_a, editor_a, topic):
    in_review = draft_item(agency_a, editor_a, title="Đang chờ", topic=topic)
    start_review(in_review, editor_a)
    draft = draft_item(agency_a, editor_a, title="Bản nháp", topic=topic)
    client.force_login(editor_a)

    for item in (in_review, draft):
        response = client.get(edit_url(item))
        assert response.status_code == 200
        assert sent_back_notice(response) is None


def test_another_agencys_editor_cannot_open_it(client, editor_b, sent_back):
    client.force_login(editor_b)
    response = client.get(edit_url(sent_back))

    assert response.status_code in (302, 403)
    assert "Bổ sung số liệu" not in response.content.decode()


def test_resubmitting_clears_the_notice(client, editor_a, sent_back, topic, original_pdf):
    resubmit_through_admin(client, editor_a, sent_back, topic, original_pdf)

    response = client.get(edit_url(sent_back))
    assert sent_back_notice(response) is None
    status = status_side_panel_title(response)
    assert IN_MODERATION in status and SENT_BACK not in status


def test_a_second_send_back_shows_the_latest_comment(
    client, editor_a, office_user, head_lan, sent_back, topic, original_pdf
):
    resubmit_through_admin(client, editor_a, sent_back, topic, original_pdf)
    act_on(sent_back, head_lan, "approve")
    act_on(sent_back, office_user, "reject", comment="Rút gọn phần mở đầu.")

    client.force_login(editor_a)
    text = text_of(sent_back_notice(client.get(edit_url(sent_back))))
    assert "Rút gọn phần mở đầu." in text
    assert "Phòng CCHC thẩm định" in text
    assert "Bổ sung số liệu" not in text


# The status wherever it is shown


def status_side_panel_title(response):
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find(attrs={"data-side-panel": "status"})
    return text_of(panel)


def status_lines(response):
    """[(title, its help text)] of the editor's status side panel."""
    panel = BeautifulSoup(response.content, "html.parser").find(attrs={"data-side-panel": "status"})
    lines = []
    for section in panel.find_all("section"):
        title, help_text = section.find("h3"), section.find(class_="w-help-text")
        if title is not None:
            lines.append((text_of(title), text_of(help_text) if help_text else ""))
    return lines


def test_the_editors_status_panel_reads_sent_back_by_the_reviewer(client, editor_a, sent_back):
    client.force_login(editor_a)
    response = client.get(edit_url(sent_back))
    text = status_side_panel_title(response)

    assert SENT_BACK in text
    assert IN_MODERATION not in text
    [(title, help_text)] = [line for line in status_lines(response) if SENT_BACK in line[0]]
    assert "Trần Thị Lan" in help_text  # who sent it back, not who submitted it


def test_an_item_under_review_still_reads_in_moderation(client, agency_a, editor_a, topic):
    item = draft_item(agency_a, editor_a, title="Đang chờ", topic=topic)
    start_review(item, editor_a)
    client.force_login(editor_a)
    text = status_side_panel_title(client.get(edit_url(item)))

    assert IN_MODERATION in text
    assert SENT_BACK not in text


def status_cells(response, title):
    """The status shown on the listing's row of `title`."""
    soup = BeautifulSoup(response.content, "html.parser")
    for row in soup.find_all("tr"):
        if title in text_of(row):
            return [text_of(tag) for tag in row.find_all(class_="w-status")]
    raise AssertionError(f"{title} is not listed")


@pytest.mark.parametrize("listing", ["news_items", "explorer"])
def test_listings_show_the_item_as_sent_back(client, editor_a, agency_a, sent_back, listing):
    client.force_login(editor_a)
    if listing == "news_items":
        url = reverse("news_items:index")
    else:
        url = reverse("wagtailadmin_explore", args=(agency_a.index_page.pk,))
    response = client.get(url)

    assert response.status_code == 200
    cells = status_cells(response, TITLE)
    assert any(cell.lower().endswith("đã trả lại để chỉnh sửa") for cell in cells), cells


def test_a_live_item_sent_back_with_new_changes_reads_live_and_sent_back(
    client, agency_a, editor_a, head_lan, topic
):
    from tests.factories import NewsItemPageFactory

    item = NewsItemPageFactory(parent=agency_a.index_page, title="Đã đăng rồi", topic=topic)
    item.title = "Đã đăng rồi (sửa)"
    start_review(item, editor_a)
    act_on(item, head_lan, "reject", comment="Chưa sửa đúng.")

    client.force_login(editor_a)
    cells = status_cells(client.get(reverse("news_items:index")), "Đã đăng rồi")
    assert any(cell.lower().endswith("đã đăng + đã trả lại để chỉnh sửa") for cell in cells), cells


def workflow_queries(client, url):
    """The queries of a listing that read workflow or task states."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    sqls = [query["sql"] for query in captured.captured_queries]
    return [sql for sql in sqls if "wagtailcore_workflowstate" in sql], response


@pytest.mark.parametrize("listing", ["news_items", "explorer"])
def test_the_sent_back_status_costs_no_query_per_listed_item(
    client, agency_a, editor_a, head_lan, topic, sent_back, listing
):
    """Listings read the states Wagtail prefetches. (Other per-row queries of these listings,
    e.g. the live-descendants check of the row buttons, are not this feature's.)"""
    if listing == "news_items":
        url = reverse("news_items:index")
    else:
        url = reverse("wagtailadmin_explore", args=(agency_a.index_page.pk,))
    client.force_login(editor_a)
    client.get(url)  # warm the caches
    one, _response = workflow_queries(client, url)

    for n in range(3):
        item = draft_item(agency_a, editor_a, title=f"Tin bị trả lại {n}", topic=topic)
        start_review(item, editor_a)
        act_on(item, head_lan, "reject", comment=f"Ý kiến {n}")
    several, response = workflow_queries(client, url)

    assert len(several) == len(one)
    soup = BeautifulSoup(response.content, "html.parser")
    statuses = [text_of(tag).lower() for tag in soup.find_all(class_="w-status")]
    assert sum(status.endswith("đã trả lại để chỉnh sửa") for status in statuses) == 4
