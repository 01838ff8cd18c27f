"""Account → Notifications: everyone sees the switches that their review e-mails obey.

Wagtail shows the "submitted" switch only to users who may publish, so agency heads, who are
e-mailed each item waiting for their approval, could not turn those e-mails off, and its help
texts speak of Wagtail's own e-mails, not of ours (workflows.notifications.PREFERENCE).
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from cchc_news.models import NewsItemPage
from workflows import notification_preferences
from workflows.notifications import PREFERENCE

from .builders import submit_through_admin
from .helpers import act

pytestmark = pytest.mark.django_db

SWITCH = "notifications-{}_notifications"
REVIEW_WAITING = "có tin, bài chờ anh/chị duyệt"
SENT_BACK_LATER = "tin, bài anh/chị đã duyệt bị bước sau trả lại"
YOURS_SENT_BACK = "tin, bài của anh/chị bị trả lại để chỉnh sửa"
YOURS_PUBLISHED = "tin, bài của anh/chị được đăng"


def account_page(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def switches(page):
    """{preference: its help text} of the Notifications panel's switches."""
    found = {}
    for name in ("submitted", "approved", "rejected", "updated_comments"):
        field = page.find("input", attrs={"name": SWITCH.format(name)})
        if field is not None:
            wrapper = field.find_parent(class_="w-field__wrapper")
            help_block = wrapper.find(class_="help") if wrapper else None
            found[name] = (
                " ".join(help_block.get_text(" ", strip=True).split()) if help_block else ""
            )
    return found


def form_data(page):
    """What the browser posts from the account form, as it stands."""
    form = page.find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit"):
            continue
        if field.name == "select":
            option = field.find("option", selected=True) or field.find("option")
            data[name] = option.get("value", "") if option else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.get_text()
        else:
            data[name] = field.get("value", "")
    return data


def test_an_agency_head_sees_the_switch_of_the_items_waiting_for_them(client, head_a):
    shown = switches(account_page(client, head_a))

    assert REVIEW_WAITING in shown["submitted"]
    assert "nhắc việc" in shown["submitted"]
    assert SENT_BACK_LATER in shown["rejected"]
    assert "không có ai duyệt được" not in shown["submitted"]  # the office's alerts only


def test_an_agency_editor_sees_the_switches_of_their_own_items_only(client, editor_a):
    shown = switches(account_page(client, editor_a))

    assert "submitted" not in shown  # they review nothing, nobody asks them to
    assert YOURS_PUBLISHED in shown["approved"]
    assert "duyệt kèm ý kiến" in shown["approved"]
    assert YOURS_SENT_BACK in shown["rejected"]
    assert SENT_BACK_LATER not in shown["rejected"]
    assert "bị hủy" in shown["rejected"]  # the review of their item cancelled, with the reason


def test_the_office_sees_the_review_switches_described_as_our_emails(client, office_user):
    shown = switches(account_page(client, office_user))

    assert REVIEW_WAITING in shown["submitted"]
    assert "Nhận thông báo khi có trang được gửi duyệt" not in shown["submitted"]
    assert SENT_BACK_LATER in shown["rejected"]
    # The office's own alerts (workflows.escalation) obey the same switch.
    assert "không có ai duyệt được" in shown["submitted"]
    assert "quá hạn duyệt" in shown["submitted"]


def test_a_head_who_turns_review_emails_off_is_no_longer_mailed(
    client,
    make_user,
    agency_a,
    editor_a,
    head_a,
    topic,
    original_pdf,
    django_capture_on_commit_callbacks,
):
    other_head = make_user("head_a2", agency_a.heads_group)
    page = account_page(client, head_a)
    data = form_data(page)
    assert data[SWITCH.format("submitted")] == "on"
    del data[SWITCH.format("submitted")]

    response = client.post(reverse("wagtailadmin_account"), data)

    assert response.status_code == 302, switches(BeautifulSoup(response.content, "html.parser"))
    assert UserProfile.get_for_user(head_a).submitted_notifications is False
    assert "submitted" in switches(account_page(client, head_a))  # still there, now off
    with django_capture_on_commit_callbacks(execute=True):
        submit_through_admin(client, editor_a, agency_a, topic, original_pdf, title="Tin mới")
    assert [message.to for message in mail.outbox] == [[other_head.email]]


def test_an_editor_who_turns_sent_back_emails_off_is_not_mailed_the_comment(
    client, agency_a, editor_a, head_a, topic, original_pdf, django_capture_on_commit_callbacks
):
    data = form_data(account_page(client, editor_a))
    del data[SWITCH.format("rejected")]
    assert client.post(reverse("wagtailadmin_account"), data).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        submit_through_admin(client, editor_a, agency_a, topic, original_pdf, title="Tin mới")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, head_a, NewsItemPage.objects.get(), "reject", comment="Bổ sung ảnh.")
    assert mail.outbox == []


def test_every_email_is_described_under_the_switch_it_obeys():
    described = notification_preferences.DESCRIPTIONS
    assert set(described) == set(PREFERENCE)


def test_off_every_user_keeps_wagtails_own_panel(client, head_a, settings):
    """CCHC_REVIEW_NOTIFICATION_PREFERENCES is the host's choice (on in the portal)."""
    settings.CCHC_REVIEW_NOTIFICATION_PREFERENCES = False
    shown = switches(account_page(client, head_a))
    assert "submitted" not in shown  # Wagtail's rule: only for those who may publish
    assert REVIEW_WAITING not in " ".join(shown.values())

    settings.CCHC_REVIEW_NOTIFICATION_PREFERENCES = True
    assert REVIEW_WAITING in switches(account_page(client, head_a))["submitted"]
