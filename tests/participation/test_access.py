"""Who sees which figures: the office and leadership all, an agency only its own."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import reports_menu
from wagtail.users.models import UserProfile

from tests.helpers import assert_denied

from .helpers import MAY, MY_AGENCY, REPORT, agency_names, get_report, soup

pytestmark = pytest.mark.django_db

REPORT_URLS = [REPORT, "participation_report_results"]
OWN_URLS = [MY_AGENCY, "participation_my_agency_results"]


def reports_menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.name for item in reports_menu.menu_items_for_request(request)]


@pytest.mark.parametrize("who", ["office_user", "leader", "superuser"])
def test_office_leadership_and_superusers_see_every_agency(
    client, request, make_user, agencies, who
):
    user = (
        make_user("root", is_superuser=True) if who == "superuser" else request.getfixturevalue(who)
    )
    for name in REPORT_URLS:
        response = get_report(client, user, MAY, name=name)
        assert response.status_code == 200
        assert len(agency_names(response)) == 3
    assert "participation" in reports_menu_names(user)


@pytest.mark.parametrize("who", ["editor_a", "head_a"])
def test_agency_users_are_refused_the_full_report(client, request, agencies, who):
    user = request.getfixturevalue(who)
    for name in REPORT_URLS:
        assert_denied(get_report(client, user, MAY, name=name))
    assert_denied(get_report(client, user, {**MAY, "export": "csv"}))
    assert "participation" not in reports_menu_names(user)
    assert "my-agency-participation" in reports_menu_names(user)


def test_permission_denied_for_scripts_is_a_403(client, editor_a, agencies):
    client.force_login(editor_a)
    response = client.get(
        reverse("participation_report_results"), MAY, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["editor_a", "head_a"])
def test_agency_users_see_only_their_own_agency_whatever_the_url_says(
    client, request, agencies, communes, who
):
    user = request.getfixturevalue(who)
    tampered = [
        MAY,
        {**MAY, "kind": communes.pk},
        {**MAY, "inactive": "include"},
        {**MAY, "agency": agencies.ward.pk, "agency_id": agencies.ward.pk, "code": "pbt"},
        {**MAY, "ordering": "-published"},
    ]
    for params in tampered:
        for name in OWN_URLS:
            response = get_report(client, user, params, name=name)
            assert response.status_code == 200
            assert agency_names(response) == ["Sở Tư pháp"], params
    page = soup(get_report(client, user, MAY, name=MY_AGENCY))
    assert page.find("svg", class_="participation-chart__svg") is not None
    # No filter of agencies is offered at all.
    assert page.find(attrs={"name": "kind"}) is None


def test_a_user_of_two_agencies_sees_both(client, make_user, agency_a, agencies):
    user = make_user("both", agency_a.editors_group, agencies.ward.heads_group)
    response = get_report(client, user, MAY, name=MY_AGENCY)
    assert agency_names(response) == ["Sở Tư pháp", "UBND phường Bến Thành"]


@pytest.mark.parametrize("who", ["office_user", "leader"])
def test_users_without_an_agency_have_no_own_view(client, request, agencies, who):
    user = request.getfixturevalue(who)
    for name in OWN_URLS:
        assert_denied(get_report(client, user, MAY, name=name))
    assert "my-agency-participation" not in reports_menu_names(user)


def test_an_inactive_account_sees_nothing(client, make_user, agency_a, agencies):
    user = make_user("gone", agency_a.editors_group, is_active=False)
    assert {"participation", "my-agency-participation"}.isdisjoint(reports_menu_names(user))
    client.force_login(user)
    for name in REPORT_URLS + OWN_URLS:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]


def test_anonymous_visitors_are_sent_to_log_in(client, agencies):
    for name in REPORT_URLS + OWN_URLS:
        response = client.get(reverse(name), MAY)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "participation" not in reports_menu_names(AnonymousUser())


def test_the_dashboard_panel_links_to_the_agencys_own_view(client, editor_a, agencies):
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_home"))
    panel = soup(response).find("section", attrs={"aria-labelledby": "my-agency-heading"})
    assert panel.find("a", href=reverse(MY_AGENCY)) is not None


def test_the_office_keeps_access_in_the_english_admin(client, office_user, agencies):
    # Groups are named in the site's language; an English admin must not lose the report.
    profile = UserProfile.get_for_user(office_user)
    profile.preferred_language = "en"
    profile.save()
    response = get_report(client, office_user, MAY)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    assert len(agency_names(response)) == 3
