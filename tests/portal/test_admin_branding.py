"""The admin in the Department's name: the login page, the sidebar, the tab's title and icon
(Wagtail's branding blocks, overridden in site/portal/templates/wagtailadmin/)."""

import re

import pytest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from cchc_news.models import DepartmentIdentity

pytestmark = pytest.mark.django_db

WAGTAIL_WORDMARK = 'aria-label="Wagtail"'


@pytest.fixture
def identity(section):
    identity = DepartmentIdentity.objects.get()
    identity.province_name = "tỉnh Thử Nghiệm"
    identity.save()
    return identity


def test_the_login_page_is_in_the_departments_name(client, identity):
    content = client.get(reverse("wagtailadmin_login")).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", content, re.S).group(1)
    assert escape(identity.governing_body_line) in heading
    assert identity.short_name in heading
    assert _("Sign in to the administration") in heading
    assert static("cchc_news/identity/emblem.svg") in heading
    assert f"<title>{_('Sign in')} - Sở Nội vụ tỉnh Thử Nghiệm</title>" in content
    assert f'<link rel="icon" href="{static("cchc_news/identity/emblem.svg")}"' in content
    assert WAGTAIL_WORDMARK not in content and "Sign in to Wagtail" not in content


def test_the_sidebar_shows_the_departments_emblem_and_name(client, identity, office_user):
    client.force_login(office_user)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    logo = re.search(
        r"<template data-wagtail-sidebar-branding-logo>(.*?)</template>", content, re.S
    )
    assert static("cchc_news/identity/emblem.svg") in logo.group(1)
    assert '<span class="portal-admin-name">Sở Nội vụ</span>' in logo.group(1)
    assert "- Sở Nội vụ tỉnh Thử Nghiệm</title>" in content
    assert static("css/portal-admin.css") in content


def test_the_office_edits_the_departments_identity(client, identity, office_user):
    client.force_login(office_user)
    url = reverse(
        "wagtailsettings:edit", args=["cchc_news", "departmentidentity", identity.site_id]
    )
    assert client.get(url).status_code == 200
    data = {
        "province_name": "tỉnh Mới",
        "department_name": "Sở Nội vụ",
        "email": "snv@moi.gov.vn",
        "responsible_name": "Lê Thị Hoa",
    }
    assert client.post(url, data).status_code == 302
    identity.refresh_from_db()
    assert (identity.full_name, identity.responsible_name) == ("Sở Nội vụ tỉnh Mới", "Lê Thị Hoa")
