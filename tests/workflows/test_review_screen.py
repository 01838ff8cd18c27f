"""The review screen (workflows.review_screen): who opens it, what it shows, what deciding says."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from .builders import act_on, draft_item, start_review
from .helpers import current_task_state

pytestmark = pytest.mark.django_db

HEAD_STEP = "Lãnh đạo đơn vị duyệt"
OFFICE_STEP = "Phòng CCHC thẩm định"
LEADERSHIP_STEP = "Lãnh đạo Sở phê duyệt"


def review_url(item):
    return reverse("cchc_review", args=(item.pk,))


@pytest.fixture
def item(agency_a, editor_a, topic):
    """An item of agency A that editor A submitted: at the heads' step."""
    item = draft_item(agency_a, editor_a, title="Sở Tư pháp số hóa hồ sơ", topic=topic)
    start_review(item, editor_a)
    return item


@pytest.fixture
def item_at_office(item, head_a):
    act_on(item, head_a, "approve", comment="Đồng ý, đề nghị Phòng CCHC xem lại số liệu.")
    return item


@pytest.fixture
def users(editor_a, editor_b, head_a, head_b, office_user, leader, superuser):
    return {
        "editor_a (author)": editor_a,
        "editor_b": editor_b,
        "head_a": head_a,
        "head_b": head_b,
        "office": office_user,
        "leader": leader,
        "superuser": superuser,
    }


OPENS, REFUSED = "opens", "refused"


def status_for(user, item):
    """OPENS (200), or REFUSED: Wagtail's admin turns the view's PermissionDenied into a
    redirect to the dashboard with its "no permission" error."""
    client = Client()
    client.force_login(user)
    response = client.get(review_url(item))
    if response.status_code == 200:
        return OPENS
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
        errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        assert errors, "redirected without the permission error"
    return REFUSED


AT_HEADS = {
    "editor_a (author)": REFUSED,
    "editor_b": REFUSED,
    "head_a": OPENS,
    "head_b": REFUSED,
    "office": REFUSED,
    "leader": REFUSED,
    "superuser": OPENS,
}
AT_OFFICE = {**AT_HEADS, "head_a": REFUSED, "office": OPENS}


@pytest.mark.parametrize("role", AT_HEADS)
def test_at_the_heads_step_only_the_agencys_heads_may_open_the_screen(role, users, item):
    assert status_for(users[role], item) == AT_HEADS[role]


@pytest.mark.parametrize("role", AT_OFFICE)
def test_at_the_office_step_only_the_office_may_open_the_screen(role, users, item_at_office):
    assert status_for(users[role], item_at_office) == AT_OFFICE[role]


def test_a_head_may_not_review_their_own_item(make_user, agency_a, head_a, topic):
    own = draft_item(agency_a, head_a, title="Tin do lãnh đạo viết", topic=topic)
    start_review(own, head_a)
    other_head = make_user("head_a2", agency_a.heads_group)

    assert status_for(head_a, own) == REFUSED
    assert status_for(other_head, own) == OPENS


def test_anonymous_visitors_are_sent_to_the_login(client, item):
    response = client.get(review_url(item))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_an_item_not_in_review_sends_the_reviewer_back_to_the_list(
    client, agency_a, editor_a, head_a, topic
):
    draft = draft_item(agency_a, editor_a, title="Bản nháp", topic=topic)
    client.force_login(head_a)

    response = client.get(review_url(draft))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


# What the screen shows.


def screen(client, user, item):
    client.force_login(user)
    response = client.get(review_url(item))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_screen_shows_preview_checklist_steps_and_the_three_decisions(
    client, item, head_a, agency_a, editor_a
):
    soup = screen(client, head_a, item)
    text = soup.get_text(" ", strip=True)

    assert item.title in text and agency_a.name in text
    assert (editor_a.get_full_name() or editor_a.username) in text
    task = current_task_state(item).task
    frame = soup.select_one("iframe.cchc-review__frame")
    assert frame["src"] == reverse("wagtailadmin_pages:workflow_preview", args=(item.pk, task.pk))
    steps = [li.get_text(" ", strip=True) for li in soup.select(".cchc-review__steps li")]
    assert steps == [HEAD_STEP, OFFICE_STEP, LEADERSHIP_STEP]
    assert soup.select_one('[aria-current="step"]').get_text(strip=True) == HEAD_STEP
    rules = soup.select("[data-cchc-review-checklist] li")
    assert {rule["data-rule"] for rule in rules} >= {"length", "summary", "topic", "original_file"}
    assert soup.select_one('[data-rule="original_file"]')["data-passed"] == "false"
    assert "Đây là bước đầu tiên" in soup.select_one("[data-cchc-review-comments]").text

    buttons = soup.select("[data-cchc-review-action]")
    assert [button.get_text(strip=True) for button in buttons] == [
        "Duyệt",
        "Duyệt kèm ý kiến",
        "Yêu cầu chỉnh sửa",
    ]
    state = current_task_state(item)
    for button in buttons:
        assert button["formaction"] == reverse(
            "wagtailadmin_pages:workflow_action",
            args=(item.pk, button["data-cchc-review-action"], state.pk),
        )
    done = reverse("cchc_review_done", args=(item.pk, state.pk))
    assert soup.select_one('[data-cchc-review-actions] input[name="next"]')["value"] == done


def test_the_office_reads_the_heads_comment(client, item_at_office, office_user, head_a):
    soup = screen(client, office_user, item_at_office)

    comments = soup.select("[data-cchc-review-comments] li")
    assert len(comments) == 1
    text = comments[0].get_text(" ", strip=True)
    assert HEAD_STEP in text
    assert (head_a.get_full_name() or head_a.username) in text
    assert "Đồng ý, đề nghị Phòng CCHC xem lại số liệu." in text
    assert soup.select_one('[aria-current="step"]').get_text(strip=True) == OFFICE_STEP


def test_the_step_compares_with_the_version_it_sent_back(client, item, head_a, editor_a):
    act_on(item, head_a, "reject", comment="Bổ sung số liệu quý III.")
    seen = item.get_latest_revision()
    item.refresh_from_db()
    item.title = "Sở Tư pháp số hóa hồ sơ (đã bổ sung)"
    item.save_revision(user=editor_a)
    item.current_workflow_state.resume(editor_a)
    now = current_task_state(item)

    soup = screen(client, head_a, item)

    link = soup.select_one("[data-cchc-review-changes] a.button")
    assert link["href"] == reverse(
        "wagtailadmin_pages:revisions_compare", args=(item.pk, seen.pk, now.revision_id)
    )
    comments = soup.select_one("[data-cchc-review-comments]").get_text(" ", strip=True)
    assert "Bổ sung số liệu quý III." in comments
    # The comparison opens for the head (Wagtail's view asks for edit rights on the item).
    assert client.get(link["href"]).status_code == 200


def test_a_first_look_says_there_is_nothing_to_compare(client, item, head_a):
    soup = screen(client, head_a, item)

    changes = soup.select_one("[data-cchc-review-changes]")
    assert changes.select_one("a.button") is None
    assert "lần đầu" in changes.get_text(" ", strip=True)


# Deciding through Wagtail's workflow action view, and what the reviewer reads afterwards.


def decide(client, item, action, comment=""):
    state = current_task_state(item)
    url = reverse("wagtailadmin_pages:workflow_action", args=(item.pk, action, state.pk))
    done = reverse("cchc_review_done", args=(item.pk, state.pk))
    data = {"next": done}
    if comment:
        data["comment"] = comment
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return response


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_approving_names_the_next_step_and_returns_to_the_list(
    client, item, head_a, agency_a, editor_a, topic
):
    other = draft_item(agency_a, editor_a, title="Tin tiếp theo", topic=topic)
    start_review(other, editor_a)
    client.force_login(head_a)

    response = decide(client, item, "approve")

    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert messages_of(response) == [
        f"Đã duyệt “{item.title}”. Tin chuyển sang bước “{OFFICE_STEP}”."
    ]
    panel = BeautifulSoup(response.content, "html.parser").find(id="cchc-waiting-section")
    assert [a.get_text(strip=True) for a in panel.select("tbody a")] == ["Tin tiếp theo"]


def test_approving_with_a_comment_says_so(client, item, head_a):
    client.force_login(head_a)

    response = decide(client, item, "approve", comment="Đồng ý.")

    assert messages_of(response) == [
        f"Đã duyệt kèm ý kiến “{item.title}”. Tin chuyển sang bước “{OFFICE_STEP}”."
    ]


def test_requesting_changes_says_the_item_goes_back_to_its_author(client, item, head_a, editor_a):
    client.force_login(head_a)

    response = decide(client, item, "reject", comment="Bổ sung số liệu.")

    author = editor_a.get_full_name() or editor_a.username
    assert messages_of(response) == [
        f"Đã yêu cầu chỉnh sửa “{item.title}”: tin đã được trả lại cho tác giả {author}."
    ]
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")


def test_the_last_approval_says_the_item_is_published(client, item_at_office, office_user, leader):
    act_on(item_at_office, office_user, "approve")
    client.force_login(leader)

    response = decide(client, item_at_office, "approve")

    item_at_office.refresh_from_db()
    assert item_at_office.live
    assert messages_of(response) == [f"Đã duyệt “{item_at_office.title}”. Tin đã được đăng."]


def test_an_action_that_did_not_happen_says_nothing_was_decided(client, item, head_a):
    """Wagtail goes to `next` even when the task's form refuses the data (without JavaScript,
    e.g. a request for changes without its comment): the item still waits at this step."""
    client.force_login(head_a)
    state = current_task_state(item)
    done = reverse("cchc_review_done", args=(item.pk, state.pk))

    response = client.get(done, follow=True)

    assert current_task_state(item).pk == state.pk  # still waiting at the same step
    assert response.redirect_chain[-1][0] == review_url(item)
    assert messages_of(response) == [
        "Chưa có quyết định nào được ghi nhận: hãy chọn lại quyết định và điền đầy đủ."
    ]


def test_the_done_page_says_nothing_to_someone_who_did_not_decide(
    client, item, head_a, office_user
):
    act_on(item, head_a, "approve")
    state = item.current_workflow_state.task_states.get(task__name=HEAD_STEP)
    client.force_login(office_user)

    response = client.get(reverse("cchc_review_done", args=(item.pk, state.pk)), follow=True)

    assert messages_of(response) == []
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")


def test_a_published_item_is_compared_with_its_published_version(
    client, agency_a, editor_a, head_a, topic
):
    published = draft_item(agency_a, editor_a, title="Tin đã đăng", topic=topic)
    published.get_latest_revision().publish()
    published.refresh_from_db()
    published.title = "Tin đã đăng (đính chính số liệu)"
    start_review(published, editor_a)
    now = current_task_state(published)

    soup = screen(client, head_a, published)

    link = soup.select_one("[data-cchc-review-changes] a.button")
    assert link["href"] == reverse(
        "wagtailadmin_pages:revisions_compare", args=(published.pk, "live", now.revision_id)
    )
    assert "bản đang đăng" in link.get_text(" ", strip=True)
