import pytest
from django.urls import reverse

from bulletin.models import BulletinPage
from tests.helpers import assert_denied

from .conftest import local

pytestmark = pytest.mark.django_db

URL = reverse("bulletin_assemble")


def test_office_previews_then_assembles(client, office_user, archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Tin tuần 48")
    client.force_login(office_user)
    preview = client.get(URL, {"week": "2026-W48"})
    assert preview.status_code == 200
    assert "Tin tuần 48" in preview.content.decode()
    assert not BulletinPage.objects.exists()  # the preview changes nothing

    response = client.post(URL, {"week": "2026-W48"})
    bulletin = BulletinPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[bulletin.pk])
    assert bulletin.live


def test_button_on_the_archive_page(client, office_user, archive):
    client.force_login(office_user)
    response = client.get(reverse("wagtailadmin_explore", args=[archive.pk]))
    assert URL in response.content.decode()


def test_agency_users_cannot_assemble(client, editor_a, head_a, archive):
    for user in (editor_a, head_a):
        client.force_login(user)
        assert_denied(client.get(URL))
        assert_denied(client.post(URL, {"week": "2026-W48"}))
    assert not BulletinPage.objects.exists()


def test_bad_week_is_reported_not_crashing(client, office_user, archive):
    client.force_login(office_user)
    response = client.get(URL, {"week": "tuần 48"}, follow=True)
    assert response.status_code == 200
