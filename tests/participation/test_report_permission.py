"""Who reads the whole participation report: whoever holds participation.view_participation_report
(setup_cchc grants it to the CCHC office and the leadership), whatever their group is called."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from cchc_news.setup import setup_cchc
from participation.access import REPORT_PERMISSION, can_view_report
from tests.helpers import assert_denied
from workflows.roles import leadership_group_name, office_group_name

from .helpers import MAY, get_report, soup

pytestmark = pytest.mark.django_db


def report_permission():
    return Permission.objects.get(
        content_type__app_label="participation", codename="view_participation_report"
    )


def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def admin_group(name, *permissions):
    """A group of the admin's users (Wagtail's access_admin) holding `permissions` too."""
    group = Group.objects.create(name=name)
    group.permissions.add(admin_access(), *permissions)
    return group


def may_read(client, user):
    """can_view_report, checked against what the report's page answers."""
    allowed = can_view_report(user)
    response = get_report(client, user, MAY)
    if allowed:
        assert response.status_code == 200
    else:
        assert_denied(response)
    return allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("office_user", True),
        ("leader", True),
        ("superuser", True),
        ("editor_a", False),
        ("head_a", False),
    ],
)
def test_the_permission_matrix(client, request, agencies, who, allowed):
    user = request.getfixturevalue(who)
    assert may_read(client, user) is allowed
    assert user.has_perm(REPORT_PERMISSION) is allowed


def test_setup_grants_the_permission_to_the_office_and_the_leadership(section):
    holders = Group.objects.filter(permissions=report_permission())
    assert set(holders.values_list("name", flat=True)) == {
        office_group_name(),
        leadership_group_name(),
    }


def test_a_renamed_office_group_keeps_the_report(client, office_user, agencies):
    office = Group.objects.get(name=office_group_name())
    office.name = "Phòng Cải cách hành chính và Kiểm soát TTHC"
    office.save()
    assert may_read(client, office_user)


def test_a_group_holding_the_permission_reads_the_report_whatever_its_name(
    client, make_user, agencies
):
    inspectors = admin_group("Thanh tra Sở", report_permission())
    assert may_read(client, make_user("thanhtra", inspectors))


def test_a_group_named_like_the_office_without_the_permission_does_not(client, make_user, agencies):
    # The office's name in the other language (the site's groups are named in Vietnamese).
    lookalike = admin_group("CCHC office")
    assert not may_read(client, make_user("lookalike", lookalike))


def test_the_permission_given_to_a_user_directly(client, make_user, agencies):
    user = make_user("direct")
    user.user_permissions.add(admin_access(), report_permission())
    assert may_read(client, user)


def test_an_inactive_superuser_is_refused(make_user, agencies):
    assert not can_view_report(make_user("gone_root", is_superuser=True, is_active=False))


def test_setup_cchc_grants_it_once(section):
    assert setup_cchc() == []
    holders = Group.objects.filter(permissions=report_permission())
    assert holders.count() == 2


def test_setup_cchc_grants_it_again_if_it_was_taken_away(section):
    office = Group.objects.get(name=office_group_name())
    office.permissions.remove(report_permission())
    changes = setup_cchc()
    assert len(changes) == 1 and "view_participation_report" in changes[0]
    assert office.permissions.filter(pk=report_permission().pk).exists()
    assert setup_cchc() == []


def test_administrators_find_the_permission_in_the_group_editor(client, superuser, section):
    office = Group.objects.get(name=office_group_name())
    client.force_login(superuser)
    response = client.get(reverse("wagtailusers_groups:edit", args=[office.pk]))
    assert response.status_code == 200
    checkbox = soup(response).find(
        "input", attrs={"name": "permissions", "value": str(report_permission().pk)}
    )
    assert checkbox is not None and checkbox.has_attr("checked")


def test_the_upgrade_keeps_the_report_for_the_groups_that_read_it(section):
    """The data migration: before it, the office and the leadership read the report by their
    names; after it, by the permission, which they then hold (and no other group)."""
    for name in (office_group_name(), leadership_group_name()):
        Group.objects.get(name=name).permissions.remove(report_permission())
    admin_group("Thanh tra Sở")
    migration = "0002_keep_the_report_for_its_readers"
    module = importlib.import_module(f"participation.migrations.{migration}")
    state = MigrationExecutor(connection).loader.project_state(("participation", migration))

    module.grant_to_former_readers(state.apps, None)

    holders = Group.objects.filter(permissions=report_permission())
    assert set(holders.values_list("name", flat=True)) == {
        office_group_name(),
        leadership_group_name(),
    }
