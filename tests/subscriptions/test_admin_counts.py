"""The office sees, per bulletin and correction, the subscribers, sent and failed counts."""

import pytest
from django.urls import reverse

from cchc_news.models import OutboxEmail
from cchc_news.models.outbox import OutboxStatus
from subscriptions.models import BulletinMailing

pytestmark = pytest.mark.django_db


def cells(html):
    from bs4 import BeautifulSoup

    rows = BeautifulSoup(html, "html.parser").select("table.listing tbody tr")
    return [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in rows]


def test_the_office_reads_the_counts_of_each_mailing(client, office_user, make_subscribers, issue):
    make_subscribers(3)
    bulletin = issue()
    failed = OutboxEmail.objects.order_by("pk").first()
    OutboxEmail.objects.filter(pk=failed.pk).update(status=OutboxStatus.FAILED)
    client.force_login(office_user)
    response = client.get(reverse("bulletin-mailings:index"))
    assert response.status_code == 200
    [row] = cells(response.content.decode())
    assert row[0].startswith(bulletin.title)
    assert row[3:] == ["3", "2", "1", "0"]
    assert "(3 " in response.content.decode()  # the confirmed subscribers, in the title


def test_an_agency_editor_cannot_read_them(client, editor_a, make_subscribers, issue):
    make_subscribers(1)
    issue()
    client.force_login(editor_a)
    assert client.get(reverse("bulletin-mailings:index")).status_code == 302
    assert BulletinMailing.objects.count() == 1
