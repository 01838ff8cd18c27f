"""Password guessing at Wagtail's login (django-axes, set up by the host project): lock-out per
account and address after AXES_FAILURE_LIMIT failures for the cool-off, a Vietnamese message on
Wagtail's login page, failed logins logged."""

import logging
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = "/admin/login/"
LOCKED_MESSAGE = "Đăng nhập tạm thời bị khóa"


def sign_in(client, username, password, address="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, username, times, address="127.0.0.1"):
    for _ in range(times):
        sign_in(client, username, "not-the-password", address)


def age_failures(delta):
    """Moves the stored failures into the past: the clock moved on without sleeping."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= delta
        attempt.save(update_fields=["attempt_time"])


def test_fifty_wrong_passwords_then_the_right_one_does_not_sign_in(client, editor_a):
    fail(client, "editor_a", 50)

    response = sign_in(client, "editor_a", PASSWORD)

    assert not signed_in(client)
    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()


def test_the_limit_th_failure_locks_and_the_page_says_so_in_vietnamese(client, editor_a):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5  # the documented default
    fail(client, "editor_a", limit - 1)
    assert sign_in(client, "editor_a", "wrong").status_code == 429  # the 5th failure locks

    response = sign_in(client, "editor_a", PASSWORD)

    assert not signed_in(client)
    assert response.status_code == 429
    page = response.content.decode()
    # Wagtail's login page, with the message in place of "wrong password", and the form kept.
    assert 'class="login-form"' in page
    assert LOCKED_MESSAGE in page
    assert "15 phút" in page
    assert "mật khẩu không đúng" not in page  # the "wrong password" error is replaced


def test_failures_below_the_limit_do_not_lock(client, editor_a):
    fail(client, "editor_a", settings.AXES_FAILURE_LIMIT - 2)
    response = sign_in(client, "editor_a", "wrong")
    assert response.status_code == 200
    assert "mật khẩu không đúng" in response.content.decode()  # the usual error, no lock-out

    sign_in(client, "editor_a", PASSWORD)

    assert signed_in(client)
    # A success clears the account's failures from that address (AXES_RESET_ON_SUCCESS).
    assert not AccessAttempt.objects.filter(username="editor_a").exists()


def test_another_account_and_another_address_are_not_locked(client, editor_a, editor_b):
    fail(client, "editor_a", settings.AXES_FAILURE_LIMIT)

    sign_in(client, "editor_b", PASSWORD)  # another account, same address
    assert signed_in(client)
    client.logout()

    sign_in(client, "editor_a", PASSWORD, address="10.1.2.3")  # same account, another address
    assert signed_in(client)


def test_the_lock_out_ends_after_the_cool_off(client, editor_a):
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    fail(client, "editor_a", settings.AXES_FAILURE_LIMIT)

    age_failures(timedelta(minutes=14))
    sign_in(client, "editor_a", PASSWORD)
    assert not signed_in(client)  # still locked; this refused attempt restarts the cool-off

    age_failures(timedelta(minutes=16))
    sign_in(client, "editor_a", PASSWORD)
    assert signed_in(client)


@override_settings(PORTAL_LOGIN_ADDRESS_FAILURE_LIMIT=8)
def test_one_address_guessing_many_accounts_is_locked_out_of_all(client, editor_a, editor_b):
    for number in range(8):  # two tries at each of four accounts: each under the account limit
        fail(client, f"guess{number % 4}", 1)
    assert sign_in(client, "editor_b", PASSWORD).status_code == 429
    assert not signed_in(client)

    sign_in(client, "editor_a", PASSWORD, address="10.9.9.9")  # other addresses are not
    assert signed_in(client)


def test_failed_logins_are_logged_without_the_password(client, editor_a, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.lockouts"):
        sign_in(client, "editor_a", "s3cret-guess", address="203.0.113.7")

    records = [r for r in caplog.records if r.name.startswith("portal.lockouts")]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "editor_a" in message and "203.0.113.7" in message
    assert "s3cret-guess" not in caplog.text
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address, failure.locked_out) == (
        "editor_a",
        "203.0.113.7",
        False,
    )


def test_the_lock_out_is_logged(client, editor_a, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.lockouts"):
        fail(client, "editor_a", settings.AXES_FAILURE_LIMIT)

    messages = [r.getMessage() for r in caplog.records if r.name == "portal.lockouts"]
    assert "Login of 'editor_a' from 127.0.0.1 locked out after repeated failures" in messages
    assert AccessFailureLog.objects.filter(locked_out=True).count() == 1


@override_settings(PORTAL_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, editor_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "editor_a", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.4",  # the client's spoof, then the proxy's
        )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.4"

    client.post(
        LOGIN,
        {"username": "editor_a", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.5",
    )
    assert signed_in(client)


def test_without_a_proxy_x_forwarded_for_is_ignored(client, editor_a):
    client.post(
        LOGIN,
        {"username": "editor_a", "password": "wrong"},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="1.1.1.1",
    )
    assert AccessAttempt.objects.get().ip_address == "192.0.2.10"


def test_the_password_reset_pages_still_answer(client, editor_a):
    fail(client, "editor_a", settings.AXES_FAILURE_LIMIT)
    assert client.get(reverse("wagtailadmin_password_reset")).status_code == 200
