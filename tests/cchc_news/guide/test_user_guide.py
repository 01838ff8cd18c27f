"""The admin's user guide (cchc_news.guide): a Vietnamese page per role, offered from the Help
menu, the dashboard and the news item editor, each picture it shows taken by the browser tests."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from wagtail.users.models import UserProfile

from cchc_news.guide.roles import ROLES
from tests.workflows.helpers import add_url

TITLES = {
    "editor": "Hướng dẫn cho chuyên viên đơn vị",
    "head": "Hướng dẫn cho lãnh đạo đơn vị",
    "office": "Hướng dẫn cho Phòng Cải cách hành chính",
    "leadership": "Hướng dẫn cho Lãnh đạo Sở",
}
IMAGE = re.compile(r'<img src="/static/(cchc_news/guide/[^"]+\.png)"')


@pytest.fixture
def users(editor_a, head_a, office_user, leader):
    return {"editor": editor_a, "head": head_a, "office": office_user, "leadership": leader}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_its_own_guide_in_vietnamese(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("cchc_guide_own"), follow=True)
    assert response.redirect_chain == [(reverse("cchc_guide", args=[role]), 302)]
    content = response.content.decode()
    assert f"<title>{TITLES[role]}" in content
    assert "16:00 thứ Sáu" in content


def test_a_superuser_is_shown_the_offices_guide(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("cchc_guide_own"))
    assert response["Location"] == reverse("cchc_guide", args=["office"])


def prefer_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def test_a_user_who_chose_english_reads_the_guide_in_english(client, users):
    prefer_english(users["head"])
    client.force_login(users["head"])
    content = client.get(reverse("cchc_guide", args=["head"])).content.decode()
    assert "<title>Guide for agency heads" in content
    assert "Friday 16:00" in content


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_every_picture_of_the_guide_exists(client, users, role, language):
    if language == "en":
        prefer_english(users["editor"])
    client.force_login(users["editor"])
    content = client.get(reverse("cchc_guide", args=[role])).content.decode()
    images = IMAGE.findall(content)
    assert images, f"the {role}'s guide shows no screen"
    assert [path for path in images if not finders.find(path)] == []


@pytest.mark.django_db
def test_the_guide_is_for_signed_in_admin_users_only(client):
    response = client.get(reverse("cchc_guide", args=["editor"]))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_an_unknown_role_has_no_guide(client, users):
    client.force_login(users["editor"])
    assert client.get(reverse("cchc_guide", args=["visitor"])).status_code == 404


def test_help_menu_offers_the_guide_instead_of_wagtails_english_one(client, users):
    client.force_login(users["editor"])
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("cchc_guide_own") in content
    assert "guide.wagtail.org" not in content


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_links_to_the_readers_own_guide(client, users, role):
    client.force_login(users[role])
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="cchc-guide-heading"' in content
    assert f'href="{reverse("cchc_guide", args=[role])}"' in content


def test_news_item_editor_links_to_the_editors_guide(client, users, agency_a):
    client.force_login(users["editor"])
    content = client.get(add_url(agency_a.index_page)).content.decode()
    assert f'href="{reverse("cchc_guide", args=["editor"])}"' in content
