""" "The office" of the stand-in and of the alerts is whoever holds the permission
cchc_workflows.stand_in_for_agency_heads (setup_cchc grants it to the CCHC office group), not a
group found by its name: renaming the group, or naming it in another language, changes nothing."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from wagtail.models import Task

from cchc_news.setup import setup_cchc
from workflows import stand_in
from workflows.notification_preferences import OFFICE_EMAILS, emails_for
from workflows.roles import leadership_group_name, office_group_name

from .builders import draft_item, start_review
from .helpers import current_task_state

pytestmark = pytest.mark.django_db


def fresh_user(user):
    return type(user).objects.get(pk=user.pk)  # without the cached answers


def office_task(name):
    return Task.objects.get(name=name).specific


def test_setup_grants_the_permission_to_the_office_group_only(section):
    holders = Group.objects.filter(permissions__in=stand_in.stand_in_permission())
    assert list(holders.values_list("name", flat=True)) == [office_group_name()]
    assert setup_cchc() == []  # a second run changes nothing


def test_who_is_the_office(office_user, leader, head_a, editor_a, superuser):
    assert stand_in.is_office_member(office_user)
    for user in (leader, head_a, editor_a, superuser):
        assert not stand_in.is_office_member(user), user.username
    assert list(stand_in.office_members()) == [office_user]


@override_settings(
    AUTHENTICATION_BACKENDS=[
        "axes.backends.AxesStandaloneBackend",  # lists no users (no with_perm)
        "django.contrib.auth.backends.ModelBackend",
    ]
)
def test_the_office_is_found_on_a_site_with_several_authentication_backends(office_user, editor_a):
    assert list(stand_in.office_members()) == [office_user]
    assert stand_in.is_office_member(fresh_user(office_user))


def test_a_renamed_office_group_is_still_the_office(office_user):
    office = Group.objects.get(name=office_group_name())
    office.name = "Phòng Cải cách hành chính và Kiểm soát TTHC"
    office.save()
    assert stand_in.is_office_member(fresh_user(office_user))
    assert list(stand_in.office_members()) == [office_user]
    assert stand_in.reviewed_by_office(office_task("Phòng CCHC thẩm định"))
    assert not stand_in.reviewed_by_office(office_task("Lãnh đạo Sở phê duyệt"))


def test_a_group_named_like_the_office_without_the_permission_is_not(make_user, section):
    lookalike = make_user("lookalike", Group.objects.create(name="CCHC office"))
    assert not stand_in.is_office_member(lookalike)
    assert "office" not in {user.username for user in stand_in.office_members()}


def test_a_group_given_the_permission_is_the_office(make_user, section):
    group = Group.objects.create(name="Tổ công tác CCHC")
    group.permissions.add(*stand_in.stand_in_permission())
    member = make_user("totcongtac", group)
    assert stand_in.is_office_member(member)
    assert member in stand_in.office_members()


def test_a_renamed_office_stands_in_for_an_agency_without_heads(
    agency_a, editor_a, office_user, leader
):
    office = Group.objects.get(name=office_group_name())
    office.name = "Văn phòng CCHC"
    office.save()
    item = draft_item(agency_a, editor_a, title="Tin của đơn vị không có lãnh đạo")
    start_review(item, editor_a)
    task_state = current_task_state(item)
    task = task_state.task.specific
    assert stand_in.stand_in_reason(task, item, task_state) == stand_in.OfficeAlert.NO_REVIEWER
    assert task.get_actions(item, fresh_user(office_user))
    assert not task.get_actions(item, fresh_user(leader))


def test_the_office_alerts_are_among_the_offices_email_switches(office_user, leader):
    assert set(OFFICE_EMAILS) <= set(emails_for(fresh_user(office_user)))
    assert not set(OFFICE_EMAILS) & set(emails_for(fresh_user(leader)))
    Group.objects.filter(name=office_group_name()).update(name="Phòng CCHC (đổi tên)")
    assert set(OFFICE_EMAILS) <= set(emails_for(fresh_user(office_user)))


def test_the_leadership_group_does_not_hold_it(section):
    leadership = Group.objects.get(name=leadership_group_name())
    assert not leadership.permissions.filter(pk__in=stand_in.stand_in_permission()).exists()


def test_the_upgrade_keeps_the_office_group_as_the_office(office_user, make_user):
    """The data migration: the group named as setup_cchc named the office gets the permission
    (the office was found by that name before), and no other group."""
    office = Group.objects.get(name=office_group_name())
    office.permissions.remove(*stand_in.stand_in_permission())
    make_user("lookalike", Group.objects.create(name="Phòng CCHC cũ"))
    migration = "0005_keep_the_office_as_it_was"
    module = importlib.import_module(f"workflows.migrations.{migration}")
    state = MigrationExecutor(connection).loader.project_state(("cchc_workflows", migration))

    module.grant_to_the_office(state.apps, None)

    holders = Group.objects.filter(permissions__in=stand_in.stand_in_permission())
    assert list(holders.values_list("name", flat=True)) == [office_group_name()]
    assert stand_in.is_office_member(fresh_user(office_user))
