"""An agency's registered sender addresses and intake editor, edited on its admin page."""

import pytest
from django.urls import reverse

from cchc_news.models import Agency

pytestmark = pytest.mark.django_db


def edit(client, agency, **fields):
    data = {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind_id,
        "email": agency.email,
        "active": "on",
        "mail_senders": "",
        "intake_editor": "",
    }
    data.update(fields)
    return client.post(reverse("agencies:edit", args=[agency.pk]), data)


def test_the_office_registers_several_senders_and_an_intake_editor(
    client, office_user, agency_a, editor_a
):
    client.force_login(office_user)
    response = edit(
        client,
        agency_a,
        mail_senders="VanThu@STP.gov.vn\n  cchc.stp@gmail.com \nvanthu@stp.gov.vn",
        intake_editor=editor_a.pk,
    )
    assert response.status_code == 302
    agency_a.refresh_from_db()
    assert agency_a.sender_addresses() == ["vanthu@stp.gov.vn", "cchc.stp@gmail.com"]
    assert agency_a.intake_editor == editor_a
    assert Agency.objects.with_sender("CCHC.STP@gmail.com") == [agency_a]
    # A registered address is matched whole, not as part of another.
    assert Agency.objects.with_sender("stp@gmail.com") == []


def test_a_wrong_address_or_another_agencys_editor_is_refused(
    client, office_user, agency_a, editor_b
):
    client.force_login(office_user)
    response = edit(client, agency_a, mail_senders="khong-phai-dia-chi")
    assert response.status_code == 200 and "khong-phai-dia-chi" in response.content.decode()
    response = edit(client, agency_a, intake_editor=editor_b.pk)
    assert response.status_code == 200
    agency_a.refresh_from_db()
    assert agency_a.intake_editor is None and agency_a.mail_senders == ""
