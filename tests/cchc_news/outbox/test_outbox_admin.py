"""The office sees the outgoing e-mails, the failed ones with their error; editors do not."""

import pytest
from django.core import mail
from django.urls import reverse

from cchc_news.models import OutboxEmail
from cchc_news.outbox import storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_email():
    storage.write([mail.EmailMessage("Chờ duyệt: Tin A", "…", to=["head@example.gov.vn"])])
    row = OutboxEmail.objects.get()
    row.status, row.attempts = "failed", 8
    row.last_error = "SMTPServerDisconnected: Connection unexpectedly closed"
    row.save()
    return row


def test_the_office_sees_a_failed_email_and_its_error(client, office_user, failed_email):
    client.force_login(office_user)
    listing = client.get(reverse("outgoing-emails:index") + "?status=failed")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Chờ duyệt: Tin A" in html and "head@example.gov.vn" in html
    assert "SMTPServerDisconnected" in html
    detail = client.get(reverse("outgoing-emails:inspect", args=[failed_email.pk]))
    assert detail.status_code == 200
    assert client.get(reverse("outgoing-emails:edit", args=[failed_email.pk])).status_code in (
        302,
        403,
        404,
    )


def test_an_editor_does_not_see_them(client, editor_a, failed_email):
    client.force_login(editor_a)
    response = client.get(reverse("outgoing-emails:index"))
    assert response.status_code in (302, 403)
