"""The admin sends nothing about its users to third parties (no Gravatar)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_home", "wagtailusers_users:index", "wagtailadmin_account"]
)
def test_no_gravatar_in_the_admin(admin_client, admin_user, url_name):
    admin_user.email = "lan.nguyen@sonoivu.example.gov.vn"
    admin_user.save()

    response = admin_client.get(reverse(url_name))

    assert response.status_code == 200
    assert "gravatar" not in response.content.decode().lower()
    assert "avatar" in response.content.decode()  # Wagtail's own default picture is shown
