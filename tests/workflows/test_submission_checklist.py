"""The checklist on submission, through the admin as an agency editor.

Drafts may break the rules; sending for review may not: every failing rule is named and the
form comes back with what the editor typed. Only rules Wagtail itself does not enforce are
broken here (Wagtail already requires a summary and a topic on submission).
"""

import json
import unicodedata

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.utils.html import escape
from wagtail.models import Revision, WorkflowState
from wagtail.test.utils.form_data import rich_text

from bulletin.cutoff import cutoff_for_editors
from cchc_news.checklist.rules import run_checklist
from cchc_news.checklist.text import item_char_count, max_chars
from cchc_news.models import NewsItemPage
from cchc_news.models.news_item import BODY_FEATURES
from tests.admin_forms import news_item_form
from tests.files import make_docx, make_pdf

from .builders import act_on, draft_item, make_document, start_review
from .helpers import add_url, current_task_state, edit_url

pytestmark = pytest.mark.django_db

TITLE = "Sở Tư pháp số hóa hồ sơ lý lịch tư pháp"
BODY_TEXT = "Người dân nhận phiếu lý lịch tư pháp qua bưu điện, không phải đến trụ sở."
LONG_SUMMARY = unicodedata.normalize(
    "NFC",
    "Từ tháng 9, Sở Tư pháp tiếp nhận hồ sơ cấp phiếu lý lịch tư pháp trực tuyến toàn trình; " * 7,
).strip()
SHORT_SUMMARY = "Sở Tư pháp tiếp nhận hồ sơ lý lịch tư pháp trực tuyến toàn trình."
PROSE = unicodedata.normalize(
    "NFC",
    "Sở Tư pháp đẩy mạnh cải cách hành chính, số hóa hồ sơ, rút ngắn thời gian giải quyết "
    "thủ tục và nâng cao sự hài lòng của người dân, doanh nghiệp. ",
)
FIRST_STEP = "Lãnh đạo đơn vị duyệt"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def cover_image(agency_a):
    return wagtail_factories.ImageFactory(collection=agency_a.collection)


# The files an editor might attach; each breaks exactly one file rule.
BAD_FILES = {
    "four-page PDF": (lambda: make_pdf(4), "bon-trang.pdf", "length"),
    "Word file renamed .pdf": (lambda: make_docx([BODY_TEXT]), "tin-bai.pdf", "file_type"),
    "text file renamed .pdf": (lambda: BODY_TEXT.encode(), "ghi-chu.pdf", "file_type"),
}


def labels_by_code():
    """The name of each rule as the editor sees it."""
    blank = NewsItemPage(title="", summary="", body="")
    return {result.code: result.label for result in run_checklist(blank)}


def body_html(text):
    return f"<p>{text}</p>"


def rule_breaking_form(topic, document, cover_image, submit=True):
    fields = {
        "summary": LONG_SUMMARY,
        "body": body_html(BODY_TEXT),
        "cover_image": cover_image.pk,
        "cover_alt": "",
    }
    if submit:
        fields["action-submit"] = "1"
    return typed_form(topic, document, **fields)


def typed_form(topic, document, **fields):
    if "body" in fields:
        fields["body"] = rich_text(fields["body"], features=BODY_FEATURES)
    fields.setdefault("title", TITLE)
    return news_item_form(topic=topic, original_file=document.pk, **fields)


def messages_text(response):
    return "\n".join(str(message) for message in response.context["messages"])


def rendered_values(response):
    """What the re-rendered form shows in the title, summary and body inputs."""
    soup = BeautifulSoup(response.content, "html.parser")
    title = soup.find("input", attrs={"name": "title"})["value"]
    summary = soup.find("textarea", attrs={"name": "summary"}).text.removeprefix("\n")
    contentstate = json.loads(soup.find("input", attrs={"name": "body"})["value"])
    body = "\n".join(block["text"] for block in contentstate["blocks"])
    return title, summary, body


def assert_refused_naming(response, failing_codes):
    assert response.status_code == 200
    labels = labels_by_code()
    errors = messages_text(response)
    for code in failing_codes:
        assert labels[code] in errors, (code, errors)
        assert escape(labels[code]) in response.content.decode()
    for code in set(labels) - set(failing_codes):
        assert labels[code] not in errors, (code, errors)
    form_errors = " ".join(response.context["form"].non_field_errors())
    assert all(labels[code] in form_errors for code in failing_codes)


def test_a_draft_that_breaks_the_rules_is_saved(client, editor_a, agency_a, topic, cover_image):
    document = make_document(make_pdf(4), "bon-trang.pdf", agency_a, editor_a)
    client.force_login(editor_a)

    response = client.post(
        add_url(agency_a.index_page),
        rule_breaking_form(topic, document, cover_image, submit=False),
    )

    assert response.status_code == 302
    item = NewsItemPage.objects.get()
    assert not item.live
    assert item.summary == LONG_SUMMARY
    revision = item.latest_revision
    assert revision is not None and revision.user == editor_a
    assert revision.as_object().summary == LONG_SUMMARY
    assert not WorkflowState.objects.exists()
    assert {r.code for r in run_checklist(item) if not r.passed} == {
        "length",
        "summary",
        "cover_alt",
    }


@pytest.mark.parametrize("bad_file", list(BAD_FILES), ids=list(BAD_FILES))
def test_submitting_an_item_that_breaks_rules_is_refused_naming_each_rule_and_keeping_the_text(
    client, editor_a, head_a, agency_a, topic, cover_image, original_pdf, bad_file
):
    make_bytes, name, file_rule = BAD_FILES[bad_file]
    document = make_document(make_bytes(), name, agency_a, editor_a)
    client.force_login(editor_a)

    response = client.post(
        add_url(agency_a.index_page), rule_breaking_form(topic, document, cover_image)
    )

    assert_refused_naming(response, {file_rule, "summary", "cover_alt"})
    assert not WorkflowState.objects.exists()
    assert not NewsItemPage.objects.exists()
    assert rendered_values(response) == (TITLE, LONG_SUMMARY, BODY_TEXT)

    # Fixed: a good file, a short summary, a described cover. Now the review starts.
    fixed = typed_form(
        topic,
        original_pdf,
        summary=SHORT_SUMMARY,
        body=body_html(BODY_TEXT),
        cover_image=cover_image.pk,
        cover_alt="Bộ phận một cửa của Sở Tư pháp",
        **{"action-submit": "1"},
    )
    response = client.post(add_url(agency_a.index_page), fixed)

    assert response.status_code == 302
    item = NewsItemPage.objects.get()
    workflow_state = WorkflowState.objects.get()
    assert workflow_state.content_object.pk == item.pk
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_state(item).task.name == FIRST_STEP


def test_submitting_a_saved_draft_is_refused_until_its_rules_pass(
    client, editor_a, head_a, agency_a, topic, cover_image, original_pdf
):
    document = make_document(make_pdf(4), "bon-trang.pdf", agency_a, editor_a)
    item = draft_item(agency_a, editor_a, title="Bản nháp cũ", topic=topic)
    revisions = Revision.objects.for_instance(item).count()
    client.force_login(editor_a)

    data = rule_breaking_form(topic, document, cover_image)
    data["slug"] = item.slug
    response = client.post(edit_url(item), data)

    assert_refused_naming(response, {"length", "summary", "cover_alt"})
    assert not WorkflowState.objects.exists()
    assert Revision.objects.for_instance(item).count() == revisions  # nothing half-saved
    assert rendered_values(response) == (TITLE, LONG_SUMMARY, BODY_TEXT)

    fixed = typed_form(
        topic,
        original_pdf,
        slug=item.slug,
        summary=SHORT_SUMMARY,
        body=body_html(BODY_TEXT),
        cover_image=cover_image.pk,
        cover_alt="Bộ phận một cửa của Sở Tư pháp",
        **{"action-submit": "1"},
    )
    response = client.post(edit_url(item), fixed)

    assert response.status_code == 302
    assert item.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_state(item).task.name == FIRST_STEP
    item.refresh_from_db()
    assert item.latest_revision.as_object().title == TITLE


# The length rule: 3 pages of 3,350 characters, counted over title, summary and body.


def text_of_length(length):
    """Vietnamese prose of exactly `length` characters that neither starts nor ends in a space."""
    text = (PROSE * (length // len(PROSE) + 1))[:length]
    return text[:-1] + "x" if text.endswith(" ") else text


def body_text_for_total(total):
    """Body text making title + summary + body exactly `total` characters, one space between."""
    return text_of_length(total - len(TITLE) - len(SHORT_SUMMARY) - 2)


def submit_text(client, agency, topic, document, text):
    data = typed_form(
        topic, document, summary=SHORT_SUMMARY, body=body_html(text), **{"action-submit": "1"}
    )
    return client.post(add_url(agency.index_page), data)


def test_text_of_exactly_three_pages_is_accepted(
    client, editor_a, head_a, agency_a, topic, original_pdf
):
    assert max_chars() == 10_050
    client.force_login(editor_a)

    response = submit_text(client, agency_a, topic, original_pdf, body_text_for_total(10_050))

    assert response.status_code == 302
    item = NewsItemPage.objects.get()
    assert item_char_count(item) == 10_050
    assert item.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS


def test_text_one_word_over_three_pages_is_refused(
    client, editor_a, head_a, agency_a, topic, original_pdf
):
    client.force_login(editor_a)
    text = body_text_for_total(10_050) + " thêm"
    unsaved = NewsItemPage(title=TITLE, summary=SHORT_SUMMARY, body=body_html(text))
    assert item_char_count(unsaved) == 10_055

    response = submit_text(client, agency_a, topic, original_pdf, text)

    assert_refused_naming(response, {"length"})
    assert "10.055" in messages_text(response)  # the count the editor has to cut from
    assert not WorkflowState.objects.exists()
    assert not NewsItemPage.objects.exists()


# What the editor sees before submitting.


def cutoff_texts(make_request):
    """The cut-off message around a request (robust to the cut-off passing meanwhile)."""
    before = cutoff_for_editors().explanation
    response = make_request()
    return response, {before, cutoff_for_editors().explanation}


def test_editor_shows_the_checklist_with_each_rule_and_the_cutoff(
    client, editor_a, agency_a, topic, cover_image
):
    item = draft_item(
        agency_a, editor_a, topic=topic, summary=LONG_SUMMARY, cover_image=cover_image
    )
    client.force_login(editor_a)

    response, cutoffs = cutoff_texts(lambda: client.get(edit_url(item)))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find(attrs={"data-cchc-checklist": True})
    assert panel is not None
    rules = {li["data-rule"]: li for li in panel.find_all(attrs={"data-rule": True})}
    labels = labels_by_code()
    assert set(rules) == set(labels)
    for code, label in labels.items():
        assert label in rules[code].get_text()
    failing = {code for code, li in rules.items() if li["data-passed"] == "false"}
    assert failing == {"summary", "original_file", "cover_alt"}
    assert any(cutoff in panel.get_text() for cutoff in cutoffs)


def test_the_cutoff_is_beside_the_submit_button_not_in_its_label(client, editor_a, agency_a, topic):
    """The label stays short ("Gửi duyệt"); the cut-off has its own place in the footer
    (tests/workflows/test_editor_footer.py)."""
    item = draft_item(agency_a, editor_a, topic=topic)
    client.force_login(editor_a)

    response = client.get(edit_url(item))

    soup = BeautifulSoup(response.content, "html.parser")
    buttons = soup.find_all("button", attrs={"name": "action-submit"})
    assert [button.get_text(" ", strip=True) for button in buttons] == ["Gửi duyệt"]
    cutoff = soup.select_one("footer [data-cchc-cutoff]")
    assert cutoff is not None and "Thời hạn tổng hợp tuần này" in cutoff.get_text()


@pytest.mark.parametrize("action", ["action-submit", "action-restart-workflow"])
def test_resubmitting_after_changes_requested_is_checked_too(
    client, editor_a, head_a, agency_a, topic, original_pdf, cover_image, action
):
    item = draft_item(agency_a, editor_a, title=TITLE, topic=topic, original_file=original_pdf)
    workflow_state = start_review(item, editor_a)
    act_on(item, head_a, "reject", comment="Bổ sung ảnh.")
    client.force_login(editor_a)

    edit_page = client.get(edit_url(item)).content.decode()
    assert f'name="{action}"' in edit_page  # Wagtail offers this action to the editor

    data = typed_form(
        topic,
        original_pdf,
        slug=item.slug,
        summary=LONG_SUMMARY,
        body=body_html(BODY_TEXT),
        cover_image=cover_image.pk,
        **{action: "1"},
    )
    response = client.post(edit_url(item), data)

    assert_refused_naming(response, {"summary", "cover_alt"})
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert WorkflowState.objects.count() == 1
