"""The office's screen of received e-mails: the quarantine list with the reason, assigning a
message to an agency (it becomes that agency's draft) and discarding it; only the office."""

from html import escape

import pytest
from django.urls import reverse

from cchc_news.mail_in import placement
from cchc_news.models import IncomingMail, NewsItemPage, OutboxEmail
from tests.helpers import assert_denied

from .conftest import eml
from .messages import message

pytestmark = pytest.mark.django_db

INDEX = "incoming-emails:index"


def urls(row):
    return {
        "index": reverse(INDEX),
        "inspect": reverse("incoming-emails:inspect", args=[row.pk]),
        "assign": reverse("incoming-emails:edit", args=[row.pk]),
        "discard": reverse("incoming-emails:delete", args=[row.pk]),
    }


@pytest.fixture
def stranger_mail(mail_agency):
    """Thunderbird's message, from an address no agency registered."""
    mail_agency.mail_senders = "vanthu.stp@stp.gov.vn"
    mail_agency.save()
    row, _ = placement.receive(eml("thunderbird_odt.eml"))
    assert row.status == IncomingMail.QUARANTINED
    return row


def test_the_office_sees_the_quarantine_with_the_reason(client, office_user, stranger_mail):
    client.force_login(office_user)
    html = client.get(reverse(INDEX)).content.decode()
    assert "Kế hoạch tuyên truyền CCHC năm 2027" in html
    assert "binh.tt@stp.gov.vn" in html and stranger_mail.reason in html
    assert "spf=pass, dkim=none" in html
    detail = client.get(urls(stranger_mail)["inspect"])
    assert detail.status_code == 200 and escape(stranger_mail.message_id) in detail.content.decode()


def test_the_office_assigns_a_message_and_it_becomes_the_agencys_draft(
    client, office_user, stranger_mail, mail_agency, intake_a
):
    client.force_login(office_user)
    assert client.get(urls(stranger_mail)["assign"]).status_code == 200
    response = client.post(urls(stranger_mail)["assign"], {"agency": mail_agency.pk})
    assert response.status_code == 302
    row = IncomingMail.objects.get()
    assert row.status == IncomingMail.ASSIGNED and row.handled_by == office_user
    item = NewsItemPage.objects.get()
    assert row.page_id == item.pk and item.agency == mail_agency and item.owner == intake_a
    assert item.original_file.file.name.endswith(".odt")
    assert OutboxEmail.objects.filter(to=["binh.tt@stp.gov.vn"]).exists()
    # Dealt with: listed with its details, neither assigned again nor discarded.
    listing = client.get(reverse(INDEX) + "?status=assigned").content.decode()
    assert urls(row)["inspect"] in listing and urls(row)["assign"] not in listing
    assert client.post(urls(row)["assign"], {"agency": mail_agency.pk}).status_code == 404
    assert NewsItemPage.objects.count() == 1


def test_assigning_to_an_agency_without_intake_editor_says_why(
    client, office_user, stranger_mail, agency_b
):
    client.force_login(office_user)
    response = client.post(urls(stranger_mail)["assign"], {"agency": agency_b.pk})
    assert response.status_code == 200 and not NewsItemPage.objects.exists()
    assert agency_b.name in response.content.decode()
    assert IncomingMail.objects.get().status == IncomingMail.QUARANTINED


def test_an_assigned_message_with_a_refused_attachment_keeps_its_text(
    client, office_user, mail_agency
):
    raw = message(attachments=[("virus.exe", b"MZ", "application", "octet-stream")])
    row, _ = placement.receive(raw)
    client.force_login(office_user)
    client.post(urls(row)["assign"], {"agency": mail_agency.pk})
    item = NewsItemPage.objects.get()
    assert item.original_file is None and "Nội dung tin." in item.body


def test_an_automatic_message_assigned_is_not_answered(client, office_user, mail_agency, editor_a):
    row, _ = placement.receive(message(headers={"Auto-Submitted": "auto-replied"}))
    client.force_login(office_user)
    client.post(urls(row)["assign"], {"agency": mail_agency.pk})
    assert NewsItemPage.objects.count() == 1
    assert not OutboxEmail.objects.filter(to=["binh.tt@stp.gov.vn"]).exists()
    assert OutboxEmail.objects.get().bcc  # the agency's editors are told


def test_the_office_discards_a_message_which_is_then_never_placed(
    client, office_user, stranger_mail
):
    client.force_login(office_user)
    assert client.get(urls(stranger_mail)["discard"]).status_code == 200
    assert client.post(urls(stranger_mail)["discard"]).status_code == 302
    row = IncomingMail.objects.get()
    assert row.status == IncomingMail.DISCARDED and row.raw is None
    assert row.handled_by == office_user
    again, new = placement.receive(eml("thunderbird_odt.eml"))
    assert not new and again.pk == row.pk and not NewsItemPage.objects.exists()


@pytest.mark.parametrize("who", ["editor_a", "head_a", "editor_b", "leader"])
@pytest.mark.parametrize("what", ["index", "inspect", "assign", "discard"])
def test_nobody_but_the_office_sees_assigns_or_discards(
    request, client, stranger_mail, mail_agency, who, what
):
    client.force_login(request.getfixturevalue(who))
    url = urls(stranger_mail)[what]
    assert_denied(client.get(url))
    if what in ("assign", "discard"):
        assert_denied(client.post(url, {"agency": mail_agency.pk}))
    assert IncomingMail.objects.get().status == IncomingMail.QUARANTINED
    assert not NewsItemPage.objects.exists()


def test_nobody_adds_an_incoming_email_by_hand(client, office_user, superuser):
    for user in (office_user, superuser):
        client.force_login(user)
        assert_denied(client.get(reverse("incoming-emails:add")))


def test_the_screen_is_in_the_offices_menu_only(client, office_user, editor_a, section):
    client.force_login(office_user)
    assert reverse(INDEX) in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor_a)
    assert reverse(INDEX) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_over_size_message_cannot_be_assigned(client, office_user, mail_agency, settings):
    settings.CCHC_MAIL_IN_MAX_BYTES = 200
    row, _ = placement.receive(message(text="x" * 500))
    client.force_login(office_user)
    response = client.post(urls(row)["assign"], {"agency": mail_agency.pk})
    assert response.status_code == 200 and not NewsItemPage.objects.exists()
    assert IncomingMail.objects.get().status == IncomingMail.QUARANTINED


def test_the_office_reads_the_message_before_choosing_its_agency(
    client, office_user, stranger_mail
):
    client.force_login(office_user)
    html = client.get(urls(stranger_mail)["assign"]).content.decode()
    assert "Trần Thị Bình &lt;binh.tt@stp.gov.vn&gt;" in html
    assert escape(stranger_mail.reason) in html
    assert "Kế hoạch tuyên truyền cải cách hành chính năm 2027 của Sở Tư pháp.odt" in html
    assert "spf=pass, dkim=none" in html
    assert "Nội dung thư" in html and "Lý do cách ly" in html  # in Vietnamese


def test_an_over_size_message_shows_its_headers_only(client, office_user, mail_agency, settings):
    settings.CCHC_MAIL_IN_MAX_BYTES = 200
    row, _ = placement.receive(message(text="x" * 500))
    client.force_login(office_user)
    html = client.get(urls(row)["assign"]).content.decode()
    assert "x" * 100 not in html
    assert row.sender in html
