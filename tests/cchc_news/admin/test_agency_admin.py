"""Agencies are managed in the Wagtail admin (ModelViewSet) with search and filters."""

import pytest
from django.urls import reverse

from cchc_news.models import Agency, NewsIndexPage
from tests.factories import AgencyFactory, AgencyKindFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_user):
    return make_user("quantri", is_superuser=True)


def test_creating_an_agency_in_the_admin_provisions_it(client, admin_user, section):
    kind = AgencyKindFactory(name="UBND phường, xã, đặc khu")
    client.force_login(admin_user)
    response = client.post(
        reverse("agencies:add"),
        {
            "name": "UBND phường Sài Gòn",
            "short_name": "Phường Sài Gòn",
            "code": "p-sai-gon",
            "kind": kind.pk,
            "email": "psaigon@example.gov.vn",
            "active": "on",
        },
    )
    assert response.status_code == 302
    agency = Agency.objects.get(code="p-sai-gon")
    assert agency.editors_group and agency.heads_group
    assert NewsIndexPage.objects.get(agency=agency).url == "/cai-cach-hanh-chinh/p-sai-gon/"


def test_agency_list_searches_and_filters(client, admin_user, section):
    ward = AgencyKindFactory(name="UBND phường, xã, đặc khu")
    AgencyFactory(name="Sở Tư pháp", code="stp")
    AgencyFactory(name="UBND phường Bến Thành", code="pbt", kind=ward)
    AgencyFactory(name="UBND xã Bình Hưng", code="xbh", kind=ward, active=False)
    client.force_login(admin_user)
    url = reverse("agencies:index")

    found = client.get(url, {"q": "Bến Thành"}).content.decode()
    assert "UBND phường Bến Thành" in found and "Sở Tư pháp" not in found

    by_kind = client.get(url, {"kind": ward.pk}).content.decode()
    assert "UBND xã Bình Hưng" in by_kind and "Sở Tư pháp" not in by_kind

    active = client.get(url, {"active": "true"}).content.decode()
    assert "UBND xã Bình Hưng" not in active and "Sở Tư pháp" in active


def test_agency_code_cannot_change_after_creation(client, admin_user, section):
    agency = AgencyFactory(name="Sở Y tế", code="syt")
    client.force_login(admin_user)
    client.post(
        reverse("agencies:edit", args=[agency.pk]),
        {
            "name": "Sở Y tế",
            "short_name": "Sở Y tế",
            "code": "khac",
            "kind": agency.kind_id,
            "email": "",
            "active": "on",
        },
    )
    agency.refresh_from_db()
    assert agency.code == "syt"


def test_office_manages_topics_and_campaigns_but_not_deletes_agencies(client, office_user):
    client.force_login(office_user)
    assert client.get(reverse("topics:index")).status_code == 200
    assert client.get(reverse("campaigns:add")).status_code == 200
    agency = AgencyFactory(code="stc")
    response = client.get(reverse("agencies:delete", args=[agency.pk]))
    assert response.status_code in (302, 403)
