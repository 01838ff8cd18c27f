"""Publishing without review ("force publish") with checklist rules failing.

The office (and the leadership, and a superuser) may publish an item at once with a reason. If
checklist rules fail, the form names them and asks for an explicit acknowledgement; a post
without it is refused and the form comes back as typed. The history keeps the reason and the
rules that failed at publication. Agency editors and heads still cannot publish at all.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import PageLogEntry

from cchc_news.checklist.rules import run_checklist
from cchc_news.models import NewsItemPage
from tests.admin_forms import news_item_form

from .builders import draft_item
from .helpers import add_url, edit_url

pytestmark = pytest.mark.django_db

REASON = "Thông báo khẩn của UBND tỉnh, đăng ngay; tệp gốc gửi bổ sung sau."
PUBLISH_WITHOUT_REVIEW = "cchc_news.publish_without_review"
ACK = "acknowledge_failing_rules"
TYPED_TITLE = "Lịch tiếp công dân tháng 12 (đã sửa)"


def label(code):
    blank = NewsItemPage(title="", summary="", body="")
    return {result.code: result.label for result in run_checklist(blank)}[code]


@pytest.fixture
def item_without_file(agency_a, editor_a, topic):
    """An item that fails one rule only: no original file is attached."""
    return draft_item(agency_a, editor_a, title="Lịch tiếp công dân tháng 12", topic=topic)


def publish_form(item, **fields):
    fields.setdefault("title", item.title)
    return news_item_form(
        slug=item.slug,
        topic=item.topic,
        **{"action-publish": "1"},
        **fields,
    )


def history_url(item):
    return reverse("wagtailadmin_pages:history", args=[item.pk])


def logged_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def post_with_csrf(client, url, data):
    """Posts like the browser: the CSRF token of the form it has just opened."""
    page = client.get(url)
    token = BeautifulSoup(page.content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


def test_the_publish_section_names_the_failing_rules_and_asks_to_acknowledge_them(
    office_user, item_without_file
):
    response = logged_in(office_user).get(edit_url(item_without_file))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.find("input", attrs={"name": ACK})
    assert box is not None and box["type"] == "checkbox"
    section = soup.find(attrs={"data-cchc-publish-without-review": True})
    assert section is not None
    assert label("original_file") in section.get_text(" ")
    assert label("topic") not in section.get_text(" ")  # only the failing rules
    assert "Tôi đã xem các tiêu chí chưa đạt" in response.content.decode()


@pytest.mark.parametrize("role", ["office_user", "leader", "superuser"])
def test_a_forged_publish_without_acknowledgement_is_refused_and_keeps_the_form(
    request, role, item_without_file
):
    user = request.getfixturevalue(role)
    client = logged_in(user)

    response = post_with_csrf(
        client,
        edit_url(item_without_file),
        publish_form(item_without_file, title=TYPED_TITLE, publication_reason=REASON),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert ACK in form.errors
    assert label("original_file") in " ".join(form.errors[ACK])
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "title"})["value"] == TYPED_TITLE
    assert soup.find("textarea", attrs={"name": "publication_reason"}).text.strip() == REASON
    item_without_file.refresh_from_db()
    assert not item_without_file.live
    assert not PageLogEntry.objects.filter(page=item_without_file, action="wagtail.publish")
    assert not PageLogEntry.objects.filter(page=item_without_file, action=PUBLISH_WITHOUT_REVIEW)


@pytest.mark.parametrize("role", ["office_user", "leader", "superuser"])
def test_an_acknowledged_publication_goes_live_and_the_history_keeps_reason_and_rules(
    request, role, item_without_file
):
    user = request.getfixturevalue(role)
    client = logged_in(user)

    response = post_with_csrf(
        client,
        edit_url(item_without_file),
        publish_form(item_without_file, publication_reason=REASON, **{ACK: "on"}),
    )

    assert response.status_code == 302, response.context["form"].errors
    item_without_file.refresh_from_db()
    assert item_without_file.live
    entry = PageLogEntry.objects.get(page=item_without_file, action=PUBLISH_WITHOUT_REVIEW)
    assert entry.user == user
    assert entry.data["reason"] == REASON
    assert [rule["code"] for rule in entry.data["failing_rules"]] == ["original_file"]
    assert entry.data["failing_rules"][0]["label"] == label("original_file")

    history = client.get(history_url(item_without_file)).content.decode()
    assert escape(REASON) in history
    assert escape(label("original_file")) in history


@pytest.mark.parametrize("role", ["editor_a", "head_a"])
def test_agency_editors_and_heads_still_cannot_publish_even_acknowledging(
    request, role, item_without_file
):
    user = request.getfixturevalue(role)
    client = logged_in(user)

    form_page = client.get(edit_url(item_without_file))
    if form_page.status_code == 200:
        content = form_page.content.decode()
        assert 'name="action-publish"' not in content
        assert f'name="{ACK}"' not in content
    response = (
        post_with_csrf(
            client,
            edit_url(item_without_file),
            publish_form(item_without_file, publication_reason=REASON, **{ACK: "on"}),
        )
        if form_page.status_code == 200
        else client.post(edit_url(item_without_file), {})
    )

    assert response.status_code in (200, 302, 403)
    item_without_file.refresh_from_db()
    assert not item_without_file.live
    assert not PageLogEntry.objects.filter(page=item_without_file, action="wagtail.publish")
    assert not PageLogEntry.objects.filter(page=item_without_file, action=PUBLISH_WITHOUT_REVIEW)


def test_creating_and_publishing_an_item_with_failing_rules_needs_the_acknowledgement_too(
    office_user, agency_a, topic
):
    client = logged_in(office_user)
    url = add_url(agency_a.index_page)
    data = news_item_form(
        title="Thông báo khẩn", topic=topic, publication_reason=REASON, **{"action-publish": "1"}
    )

    refused = post_with_csrf(client, url, data)
    assert refused.status_code == 200
    assert ACK in refused.context["form"].errors
    assert not NewsItemPage.objects.exists()

    response = post_with_csrf(client, url, {**data, ACK: "on"})
    assert response.status_code == 302
    item = NewsItemPage.objects.get()
    assert item.live
    entry = PageLogEntry.objects.get(page=item, action=PUBLISH_WITHOUT_REVIEW)
    assert entry.data["reason"] == REASON
    assert [rule["code"] for rule in entry.data["failing_rules"]] == ["original_file"]


def test_no_acknowledgement_is_asked_when_every_rule_passes(
    office_user, agency_a, editor_a, topic, original_pdf
):
    item = draft_item(agency_a, editor_a, title="Tin đạt", topic=topic, original_file=original_pdf)
    client = logged_in(office_user)

    response = post_with_csrf(
        client,
        edit_url(item),
        publish_form(item, original_file=original_pdf.pk, publication_reason=REASON),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.live
    entry = PageLogEntry.objects.get(page=item, action=PUBLISH_WITHOUT_REVIEW)
    assert entry.data["failing_rules"] == []


def test_the_listed_failing_rules_follow_the_typing(office_user, item_without_file, original_pdf):
    """The checklist endpoint also redraws the rules listed beside the reason."""
    client = logged_in(office_user)
    url = reverse("cchc_checklist_edit", args=[item_without_file.pk])
    data = news_item_form(title=item_without_file.title, topic=item_without_file.topic)

    form_page = client.get(edit_url(item_without_file))
    token = BeautifulSoup(form_page.content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]
    failing = client.post(url, {**data, "csrfmiddlewaretoken": token}).json()
    passing = client.post(
        url, {**data, "original_file": original_pdf.pk, "csrfmiddlewaretoken": token}
    ).json()

    assert label("original_file") in failing["failing_html"]
    assert label("original_file") not in passing["failing_html"]
    assert "Đạt tất cả các tiêu chí." in passing["failing_html"]
