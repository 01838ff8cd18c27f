import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from cchc_news.models import NewsIndexPage
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def page_perms(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_creating_an_agency_creates_groups_index_and_permissions(section):
    agency = AgencyFactory(name="Sở Tài chính", code="stc")

    assert agency.editors_group.name.startswith("STC")
    assert agency.heads_group.name.startswith("STC")
    index = NewsIndexPage.objects.get(agency=agency)
    assert index.get_parent().specific == section
    assert index.live and index.slug == "stc" and index.title == "Sở Tài chính"
    for group in (agency.editors_group, agency.heads_group):
        assert page_perms(group, index) == {"add_page", "change_page"}
        assert group.permissions.filter(codename="access_admin").exists()
        assert GroupPagePermission.objects.filter(group=group).exclude(page=index).count() == 0
    assert agency.collection.get_parent().name
    assert GroupCollectionPermission.objects.filter(
        group=agency.editors_group,
        collection=agency.collection,
        permission__codename="add_document",
    ).exists()


def test_agency_created_before_the_section_is_provisioned_by_setup(db):
    from cchc_news.setup import setup_cchc

    agency = AgencyFactory(code="early")
    assert agency.editors_group is None
    setup_cchc()
    agency.refresh_from_db()
    assert agency.editors_group and NewsIndexPage.objects.filter(agency=agency).exists()


def test_deactivating_an_agency_revokes_its_write_permissions(agency_a):
    agency_a.active = False
    agency_a.save()
    index = agency_a.index_page
    assert page_perms(agency_a.editors_group, index) == set()
    assert not GroupCollectionPermission.objects.filter(group=agency_a.editors_group).exists()
    index.refresh_from_db()
    assert index.live  # the agency's published news stays readable

    agency_a.active = True
    agency_a.save()
    assert page_perms(agency_a.editors_group, index) == {"add_page", "change_page"}


def test_renaming_an_agency_renames_its_index_and_collection(agency_a):
    agency_a.name = "Sở Tư pháp tỉnh"
    agency_a.save()
    index = NewsIndexPage.objects.get(agency=agency_a)
    assert index.title == "Sở Tư pháp tỉnh"
    agency_a.collection.refresh_from_db()
    assert agency_a.collection.name == "Sở Tư pháp tỉnh"
    assert Group.objects.filter(pk=agency_a.editors_group_id).exists()


def test_saving_an_agency_again_changes_nothing(agency_a):
    from cchc_news.provisioning import provision_agency

    assert provision_agency(agency_a) == []
