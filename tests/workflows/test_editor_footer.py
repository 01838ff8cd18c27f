"""The item editor's footer: 'Gửi duyệt' is the main button once the checklist passes.

The server picks the main (default) action from the checklist of the item as it will be
submitted (its latest revision): "Gửi duyệt" when every rule passes, "Lưu nháp" otherwise.
The label is short; the week's cut-off is on its own line beside the buttons.
"""

import pytest
from bs4 import BeautifulSoup

from bulletin.cutoff import cutoff_for_editors

from .builders import act_on, draft_item, start_review
from .helpers import add_url, edit_url

pytestmark = pytest.mark.django_db

SUBMIT_LABEL = "Gửi duyệt"


def footer(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("footer nav.actions")


def main_button(nav):
    """The footer's main button: the first one, outside the dropdown of other actions."""
    return nav.find(["button", "a"])


def submit_button(nav):
    return nav.find("button", attrs={"name": "action-submit"})


@pytest.fixture
def passing_item(agency_a, editor_a, topic, original_pdf):
    return draft_item(agency_a, editor_a, title="Tin đạt", topic=topic, original_file=original_pdf)


@pytest.fixture
def failing_item(agency_a, editor_a, topic):
    return draft_item(agency_a, editor_a, title="Tin thiếu tệp gốc", topic=topic)


def test_submit_is_the_main_button_when_the_checklist_passes(client, editor_a, passing_item):
    client.force_login(editor_a)
    before = cutoff_for_editors().line  # the week may turn during the request

    nav = footer(client.get(edit_url(passing_item)))

    cutoffs = {before, cutoff_for_editors().line}
    button = main_button(nav)
    assert button.get("name") == "action-submit"
    assert button.get_text(" ", strip=True) == SUBMIT_LABEL
    # The cut-off is beside the buttons, on its own, not inside a button's label.
    cutoff = nav.select_one("[data-cchc-cutoff]")
    assert cutoff is not None and cutoff.get_text(" ", strip=True) in cutoffs
    assert cutoff.find_parent("button") is None
    assert "Thời hạn tổng hợp" not in button.get_text()


def test_save_draft_is_the_main_button_while_rules_fail(client, editor_a, failing_item):
    client.force_login(editor_a)

    nav = footer(client.get(edit_url(failing_item)))

    assert "action-save" in main_button(nav)["class"]
    submit = submit_button(nav)
    assert submit is not None  # still offered, in the menu: the server names failing rules
    assert submit.get_text(" ", strip=True) == SUBMIT_LABEL
    assert nav.select_one("[data-cchc-cutoff]") is not None


def test_a_new_item_starts_with_save_draft(client, editor_a, agency_a):
    client.force_login(editor_a)

    nav = footer(client.get(add_url(agency_a.index_page)))

    assert "action-save" in main_button(nav)["class"]
    assert submit_button(nav).get_text(" ", strip=True) == SUBMIT_LABEL
    assert nav.select_one("[data-cchc-cutoff]") is not None


def test_resubmitting_after_changes_requested_is_the_main_button_too(
    client, editor_a, head_a, passing_item
):
    start_review(passing_item, editor_a)
    act_on(passing_item, head_a, "reject", comment="Bổ sung số liệu.")
    client.force_login(editor_a)

    nav = footer(client.get(edit_url(passing_item)))

    button = main_button(nav)
    assert button.get("name") == "action-submit"
    assert button.get_text(" ", strip=True) == "Gửi duyệt lại"


def test_the_office_reviewing_keeps_wagtails_order(client, editor_a, office_user, passing_item):
    """No submit button for a reviewer: the footer is Wagtail's, with the cut-off beside it."""
    start_review(passing_item, editor_a)
    client.force_login(office_user)

    nav = footer(client.get(edit_url(passing_item)))

    assert submit_button(nav) is None
    assert "action-save" in main_button(nav)["class"]
