"""The checklist in sight while editing: a side panel of the item editor, updated as one types.

The side panel and its toggle's counter are rendered with the editor; the page posts the unsaved
form to the checklist endpoint, which answers with the rules of what is on screen and saves
nothing. Who may ask is who may edit the item (or add one under the agency's index).
"""

import hashlib
import json
from pathlib import Path

import pytest
import wagtail
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState

from cchc_news.checklist import editor as checklist_editor
from cchc_news.checklist.side_panels import PANEL_NAME
from cchc_news.checklist.text import max_chars
from tests.factories import UserFactory
from tests.helpers import assert_denied

from .builders import draft_item, make_document
from .helpers import add_url, edit_url
from .test_submission_checklist import LONG_SUMMARY, SHORT_SUMMARY, typed_form

pytestmark = pytest.mark.django_db

# Wagtail's page editor headers, which cchc_news overrides to add the checklist side panel:
# if an upgrade changes them, compare with the overrides and update these hashes.
WAGTAIL_HEADERS = {
    "page_edit_header.html": "4fa8e889c687f945b11b77bc68684361a6fdd4c142de547e2b4da7bc01ea6d1c",
    "page_create_header.html": "a649e8bd36ba4b206f3fed500deeb281c3cd1f204eab0605ba8eaf6805642e7f",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def check_edit_url(page):
    return reverse("cchc_checklist_edit", args=[page.pk])


def check_create_url(parent):
    return reverse("cchc_checklist_create", args=[parent.pk])


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def side_panel(soup):
    return soup.find(attrs={"data-side-panel": PANEL_NAME})


def toggle_count(soup):
    toggle = soup.find(attrs={"data-side-panel-toggle": PANEL_NAME})
    counter = toggle.find(attrs={"data-side-panel-toggle-counter": True})
    return None if counter.has_attr("hidden") else int(counter.get_text(strip=True))


def failing_in(fragment):
    soup = BeautifulSoup(fragment, "html.parser")
    return {li["data-rule"] for li in soup.find_all("li", attrs={"data-passed": "false"})}


def post_check(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def item(agency_a, editor_a, topic):
    """A draft with a topic and a short summary but no original file: one rule fails."""
    return draft_item(agency_a, editor_a, topic=topic, summary=SHORT_SUMMARY)


@pytest.fixture
def docx(agency_a, editor_a):
    from tests.files import make_docx

    return make_document(make_docx(["Nội dung tin."]), "tin-bai.docx", agency_a, editor_a)


# The panel in the editor.


def test_item_editor_has_a_checklist_side_panel_with_a_counter_of_failing_rules(
    client, editor_a, item
):
    client.force_login(editor_a)
    soup = soup_of(client.get(edit_url(item)))

    panel = side_panel(soup)
    assert panel is not None
    rules = {li["data-rule"]: li["data-passed"] for li in panel.find_all("li")}
    assert rules["original_file"] == "false"
    assert {code for code, passed in rules.items() if passed == "false"} == {"original_file"}
    assert toggle_count(soup) == 1
    live = panel.find(attrs={"data-cchc-checklist-live": True})
    assert live["data-url"] == check_edit_url(item)
    # The toggle sits among Wagtail's own, right after "Status".
    toggles = soup.find_all(attrs={"data-side-panel-toggle": True})
    toggles = [toggle["data-side-panel-toggle"] for toggle in toggles]
    assert toggles[:2] == ["status", PANEL_NAME]


def test_the_form_names_what_is_missing_and_opens_the_panel(client, editor_a, item):
    client.force_login(editor_a)
    soup = soup_of(client.get(edit_url(item)))

    summary = soup.find(attrs={"data-cchc-checklist-summary": True})
    assert "Đính kèm tệp gốc" in summary.get_text()
    assert "1 tiêu chí chưa đạt" in " ".join(summary.get_text().split())
    assert soup.find("button", attrs={"data-cchc-checklist-open": True})
    assert soup.find("script", src=lambda src: src and "cchc_news/js/checklist" in src)


def test_a_passing_item_shows_no_counter(client, editor_a, item, docx):
    item.original_file = docx
    item.save_revision(user=editor_a)
    client.force_login(editor_a)

    soup = soup_of(client.get(edit_url(item)))

    assert toggle_count(soup) is None
    assert not failing_in(str(side_panel(soup)))


def test_new_item_editor_checks_against_the_agency_index(client, editor_a, agency_a):
    client.force_login(editor_a)
    soup = soup_of(client.get(add_url(agency_a.index_page)))

    live = side_panel(soup).find(attrs={"data-cchc-checklist-live": True})
    assert live["data-url"] == check_create_url(agency_a.index_page)
    # Nothing typed yet: summary, topic and original file are missing.
    assert {"summary", "topic", "original_file"} <= failing_in(str(side_panel(soup)))
    assert toggle_count(soup) == len(failing_in(str(side_panel(soup))))


def test_other_page_types_have_no_checklist_panel(client, office_user, agency_a, section):
    client.force_login(office_user)
    for page in (agency_a.index_page, section):
        soup = soup_of(client.get(edit_url(page)))
        assert soup.find(attrs={"data-side-panel": "status"}) is not None
        assert side_panel(soup) is None


def test_the_rules_run_once_for_the_whole_editor(client, editor_a, item, monkeypatch):
    calls = []
    real = checklist_editor.run_checklist
    monkeypatch.setattr(
        checklist_editor, "run_checklist", lambda page: calls.append(page) or real(page)
    )
    client.force_login(editor_a)

    soup_of(client.get(edit_url(item)))

    assert len(calls) == 1


def test_a_refused_submission_shows_what_was_typed_in_the_panel(
    client, editor_a, item, topic, docx
):
    client.force_login(editor_a)
    data = typed_form(topic, docx, summary=LONG_SUMMARY, **{"action-submit": "1"})

    soup = soup_of(client.post(edit_url(item), data))

    assert failing_in(str(side_panel(soup))) == {"summary"}
    assert toggle_count(soup) == 1


# The endpoint.


def test_endpoint_checks_the_unsaved_form_and_saves_nothing(client, editor_a, item, topic, docx):
    client.force_login(editor_a)
    revisions = Revision.objects.count()
    # Saved: no original file. Typed: the file chosen, and a summary that is too long.
    data = typed_form(topic, docx, summary=LONG_SUMMARY)

    result = post_check(client, check_edit_url(item), data)

    assert failing_in(result["rules_html"]) == {"summary"}
    assert result["failed"] == 1
    assert result["total"] == 7
    assert "Viết tóm tắt (sapo) ngắn gọn" in result["summary_html"]
    assert Revision.objects.count() == revisions
    item.refresh_from_db()
    assert item.original_file_id is None
    assert item.summary == SHORT_SUMMARY


def test_endpoint_counts_the_typed_text_against_three_pages(client, editor_a, item, topic, docx):
    client.force_login(editor_a)
    words = "Sở Tư pháp số hóa hồ sơ lý lịch tư pháp. "
    body = f"<p>{words * (max_chars() // len(words) + 5)}</p>"

    result = post_check(client, check_edit_url(item), typed_form(topic, docx, body=body))

    assert failing_in(result["rules_html"]) == {"length"}


def test_endpoint_reads_fields_that_do_not_validate_as_typed(client, editor_a, item, topic, docx):
    client.force_login(editor_a)
    data = typed_form(topic, docx, summary="", cover_image="999999", cover_alt="")
    data["topic"] = "999999"  # a topic that does not exist is no topic

    result = post_check(client, check_edit_url(item), data)

    # An empty summary is missing (not the saved one); an unknown image is no image.
    assert failing_in(result["rules_html"]) == {"summary", "topic"}


def test_endpoint_never_submits_or_publishes(client, office_user, item, topic, docx):
    client.force_login(office_user)
    data = typed_form(topic, docx, **{"action-submit": "1", "action-publish": "1"})

    result = post_check(client, check_edit_url(item), data)

    assert result["failed"] == 0
    item.refresh_from_db()
    assert not item.live
    assert not WorkflowState.objects.filter(base_content_type__isnull=False).exists()


def test_create_endpoint_checks_a_new_item_and_creates_nothing(
    client, editor_a, agency_a, topic, docx
):
    client.force_login(editor_a)
    pages = Page.objects.count()

    result = post_check(
        client, check_create_url(agency_a.index_page), typed_form(topic, docx, title="")
    )

    assert result["failed"] == 0
    assert Page.objects.count() == pages


def test_endpoint_survives_odd_input(client, editor_a, item, topic, docx):
    client.force_login(editor_a)
    data = typed_form(topic, docx, summary="Tóm tắt\x00 có ký tự NUL", title="\x00")
    data["event_date"] = "31/02/2026"
    data["original_file"] = "not a number"

    result = post_check(client, check_edit_url(item), data)

    assert failing_in(result["rules_html"]) == {"original_file"}


def test_endpoint_refuses_a_body_no_editor_could_send(client, editor_a, item, topic, docx):
    client.force_login(editor_a)
    data = typed_form(topic, docx)
    data["body"] = "{not json"

    response = client.post(check_edit_url(item), data)

    assert response.status_code == 400
    assert "Không đọc được nội dung" in response.json()["error"]


def test_endpoint_answers_only_posts(client, editor_a, item):
    client.force_login(editor_a)
    assert client.get(check_edit_url(item)).status_code == 405


def test_endpoint_is_only_for_news_items(client, office_user, agency_a, section):
    client.force_login(office_user)
    assert client.post(check_edit_url(agency_a.index_page), {}).status_code == 404
    # No item is written directly under the section.
    assert_denied(client.post(check_create_url(section), {}))


def test_endpoint_query_count_does_not_grow_with_the_text(client, editor_a, item, topic, docx):
    client.force_login(editor_a)
    counts = []
    for paragraphs in (1, 40):
        body = "".join(f"<p>Đoạn {n}: cải cách hành chính.</p>" for n in range(paragraphs))
        with CaptureQueriesContext(connection) as queries:
            post_check(client, check_edit_url(item), typed_form(topic, docx, body=body))
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Who may ask: (role, mode) -> (own agency, another agency).
ALLOWED, DENIED = True, False
MATRIX = {
    ("editor", "edit"): (ALLOWED, DENIED),
    ("editor", "create"): (ALLOWED, DENIED),
    ("head", "edit"): (ALLOWED, DENIED),
    ("head", "create"): (ALLOWED, DENIED),
    ("office", "edit"): (ALLOWED, ALLOWED),
    ("office", "create"): (ALLOWED, ALLOWED),
    ("leadership", "edit"): (ALLOWED, ALLOWED),
    ("leadership", "create"): (DENIED, DENIED),  # the leadership reviews; it does not write
    ("no_admin", "edit"): (DENIED, DENIED),
    ("no_admin", "create"): (DENIED, DENIED),
}


@pytest.fixture
def people(editor_a, head_a, office_user, leader):
    return {
        "editor": editor_a,
        "head": head_a,
        "office": office_user,
        "leadership": leader,
        "no_admin": UserFactory(username="visitor"),
    }


def assert_refused(response):
    """Denied: 403/404, or (a user without admin access) sent to the login page."""
    if response.status_code == 302 and response["Location"].startswith(
        reverse("wagtailadmin_login")
    ):
        return
    assert_denied(response)


@pytest.mark.parametrize("role, mode", list(MATRIX))
@pytest.mark.parametrize("whose", ["own", "other"])
def test_permission_matrix(client, people, role, mode, whose, agency_a, agency_b, editor_b, topic):
    agency, author = (agency_a, people["editor"]) if whose == "own" else (agency_b, editor_b)
    target = draft_item(agency, author, topic=topic)
    url = check_edit_url(target) if mode == "edit" else check_create_url(agency.index_page)
    document = make_document(b"%PDF-1.4", "tin-bai.pdf", agency)
    client.force_login(people[role])

    response = client.post(url, typed_form(topic, document))

    if MATRIX[(role, mode)][0 if whose == "own" else 1]:
        assert response.status_code == 200
        assert json.loads(response.content)["total"] == 7
    else:
        assert_refused(response)


@pytest.mark.parametrize("mode", ["edit", "create"])
def test_anonymous_is_sent_to_the_login(client, item, agency_a, mode):
    url = check_edit_url(item) if mode == "edit" else check_create_url(agency_a.index_page)
    response = client.post(url, {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# Upgrades.


@pytest.mark.parametrize("name, digest", WAGTAIL_HEADERS.items())
def test_the_overridden_wagtail_headers_are_those_of_this_wagtail(name, digest):
    path = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/shared/headers" / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, (
        f"Wagtail's {name} changed: bring cchc_news/templates/wagtailadmin/shared/headers/{name} "
        "in line with it, then update the hash."
    )
