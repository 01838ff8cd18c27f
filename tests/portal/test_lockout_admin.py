"""Settings → Login lock-outs: superusers see the lock-outs in force and lift them; nobody else
sees the list, its menu item or its button."""

import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from tests.factories import PASSWORD
from tests.helpers import assert_denied
from tests.portal.test_login_lockout import fail, sign_in, signed_in

LIST = "/admin/login-lockouts/"
LIFT = "/admin/login-lockouts/lift/"


@pytest.fixture
def locked_editor(editor_a):
    fail(Client(), "editor_a", settings.AXES_FAILURE_LIMIT, address="198.51.100.20")
    return editor_a


def test_the_urls_are_the_documented_ones():
    assert reverse("portal_lockouts") == LIST
    assert reverse("portal_lockouts_lift") == LIFT


def test_the_superuser_sees_the_lock_outs_in_force(client, superuser, locked_editor):
    fail(client, "editor_b", settings.AXES_FAILURE_LIMIT - 1)  # not locked: not listed
    client.force_login(superuser)

    response = client.get(LIST)

    assert response.status_code == 200
    [lockout] = response.context["lockouts"]
    assert (lockout.username, lockout.address, lockout.failures) == (
        "editor_a",
        "198.51.100.20",
        settings.AXES_FAILURE_LIMIT,
    )
    assert lockout.ends_at == lockout.last_failure + settings.AXES_COOLOFF_TIME
    page = response.content.decode()
    assert "198.51.100.20" in page and "editor_b" not in page
    assert LIFT in page and "csrfmiddlewaretoken" in page
    assert LIST in client.get(reverse("wagtailadmin_home")).content.decode()  # in the menu


def test_the_superuser_lifts_a_lock_out(client, superuser, locked_editor, caplog):
    client.force_login(superuser)
    with caplog.at_level(logging.WARNING, logger="portal.lockouts"):
        response = client.post(
            LIFT, {"kind": "account", "username": "editor_a", "address": "198.51.100.20"}
        )

    assert response.status_code == 302 and response["Location"] == LIST
    assert not AccessAttempt.objects.exists()
    after = client.get(LIST)
    assert after.context["lockouts"] == []
    assert [str(m) for m in after.context["messages"]] == [gettext("The lock-out has been lifted.")]
    entry = ModelLogEntry.objects.get(action="portal.lockout_lifted")
    assert entry.user == superuser
    assert entry.data == {"username": "editor_a", "address": "198.51.100.20"}
    assert any("lifted by quantri" in r.getMessage() for r in caplog.records)

    editor = Client()
    sign_in(editor, "editor_a", PASSWORD, address="198.51.100.20")
    assert signed_in(editor)


def test_lifting_one_lock_out_leaves_the_others(client, superuser, locked_editor, editor_b):
    fail(client, "editor_b", settings.AXES_FAILURE_LIMIT, address="198.51.100.20")
    client.force_login(superuser)

    client.post(LIFT, {"kind": "account", "username": "editor_a", "address": "198.51.100.20"})

    [left] = client.get(LIST).context["lockouts"]
    assert left.username == "editor_b"


@override_settings(PORTAL_LOGIN_ADDRESS_FAILURE_LIMIT=6)
def test_an_address_locked_out_of_every_account_is_listed_and_lifted(client, superuser):
    for number in range(6):
        fail(Client(), f"guess{number}", 1, address="203.0.113.66")
    client.force_login(superuser)

    [lockout] = client.get(LIST).context["lockouts"]
    assert (lockout.kind, lockout.username, lockout.address) == ("address", None, "203.0.113.66")

    client.post(LIFT, {"kind": "address", "address": "203.0.113.66"})
    assert client.get(LIST).context["lockouts"] == []


def test_a_lift_with_nothing_to_match_forgets_nothing(client, superuser, locked_editor):
    client.force_login(superuser)

    for refused in (
        {"kind": "account", "username": "", "address": ""},
        {"kind": "account", "username": "", "address": "198.51.100.20"},
        {"kind": "address", "address": ""},
        {"kind": "address", "address": "not an address"},
        {"kind": "everything", "username": "editor_a", "address": "198.51.100.20"},
    ):
        assert client.post(LIFT, refused).status_code == 400

    assert AccessAttempt.objects.count() == 1


def test_lifting_needs_post_and_the_csrf_token(superuser, locked_editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)

    assert client.get(LIFT).status_code == 405
    refused = client.post(LIFT, {"kind": "account", "username": "editor_a", "address": "x"})
    assert refused.status_code == 403
    assert AccessAttempt.objects.count() == 1


@pytest.mark.parametrize("role", ["editor_a", "head_a", "office_user", "leader"])
def test_nobody_but_a_superuser_sees_or_lifts(client, request, role, locked_editor):
    client.force_login(request.getfixturevalue(role))

    assert_denied(client.get(LIST))
    assert_denied(
        client.post(LIFT, {"kind": "account", "username": "editor_a", "address": "198.51.100.20"})
    )
    assert AccessAttempt.objects.count() == 1
    assert LIST not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_visitors_are_sent_to_the_login(client, locked_editor):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
