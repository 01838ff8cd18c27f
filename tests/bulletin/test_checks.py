"""bulletin's system checks: a bad value or a missing app gives its id."""

import pytest

from tests.system_checks import ids_of, messages_of

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
HOOK = "https://bantin.example.gov.vn/hook"


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"BULLETIN_AUTO_PUBLISH": "0"}, "bulletin.E001"),  # from the environment
        ({"BULLETIN_CATCH_UP_WEEKS": "8"}, "bulletin.E001"),
        ({"CENTRAL_FEED_URL": None}, "bulletin.E001"),
        ({"CENTRAL_FEED_MAX_ATTEMPTS": 9.5}, "bulletin.E001"),
        ({"CENTRAL_FEED_RETRY_SCHEDULE": []}, "bulletin.E001"),
        ({"CENTRAL_FEED_RETRY_SCHEDULE": [60, 0]}, "bulletin.E001"),
        ({"CENTRAL_FEED_CONNECT_TIMEOUT": "5"}, "bulletin.E001"),
        ({"BULLETIN_CATCH_UP_WEEKS": 0}, "bulletin.E002"),
        ({"CENTRAL_FEED_MAX_ATTEMPTS": 0}, "bulletin.E002"),
        ({"CENTRAL_FEED_READ_TIMEOUT": 0}, "bulletin.E002"),
        ({"CENTRAL_FEED_URL": "bantin.example.gov.vn/hook"}, "bulletin.E003"),
        ({"CENTRAL_FEED_URL": "ftp://bantin.example.gov.vn/"}, "bulletin.E003"),
        ({"CENTRAL_FEED_SECRET": "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}, "bulletin.E004"),
        ({"CENTRAL_FEED_SECRET": "whsec_not base64!"}, "bulletin.E004"),
        ({"BULLETIN_SCHEDULE": 5}, "bulletin.E001"),
        ({"BULLETIN_SCHEDULE": "0 16 * *"}, "bulletin.E007"),
        ({"BULLETIN_SCHEDULE": "0 25 * * 5"}, "bulletin.E007"),
        ({"BULLETIN_SCHEDULE": "0 16 * * friday-ish"}, "bulletin.E007"),
        ({"BULLETIN_SCHEDULE": "0 16 29 2 *"}, "bulletin.E008"),  # 29 February: not yearly
        ({"CENTRAL_FEED_BACKEND": "pigeon"}, "bulletin.E005"),
        ({"CENTRAL_FEED_BACKEND": "bulletin.backends.NoSuchBackend"}, "bulletin.E005"),
        ({"CENTRAL_FEED_EMAIL": "bantin.example.gov.vn"}, "bulletin.E006"),
        ({"CENTRAL_FEED_URL": HOOK, "CENTRAL_FEED_SECRET": ""}, "bulletin.W001"),
        ({"CENTRAL_FEED_URL": "", "CENTRAL_FEED_SECRET": SECRET}, "bulletin.W001"),
        ({"CENTRAL_FEED_BACKEND": "email", "CENTRAL_FEED_EMAIL": ""}, "bulletin.W002"),
    ],
)
def test_a_bad_value_gives_the_checks_id(overrides, expected):
    assert expected in ids_of("bulletin", **overrides)


@pytest.mark.parametrize(
    "overrides",
    [
        {"CENTRAL_FEED_URL": "", "CENTRAL_FEED_SECRET": ""},  # not configured: skipped, logged
        {"CENTRAL_FEED_URL": HOOK, "CENTRAL_FEED_SECRET": SECRET},
        {"CENTRAL_FEED_BACKEND": "email", "CENTRAL_FEED_EMAIL": "bantin@example.gov.vn"},
        {"CENTRAL_FEED_BACKEND": "bulletin.backends.EmailBackend"},
    ],
)
def test_a_complete_configuration_or_none_passes(overrides):
    assert ids_of("bulletin", **overrides) == set()


def test_the_secret_is_never_shown(settings):
    settings.CENTRAL_FEED_SECRET = "not-a-whsec-secret"
    assert all("not-a-whsec-secret" not in f"{m.msg} {m.hint}" for m in messages_of("bulletin"))
    settings.CENTRAL_FEED_SECRET = b"whsec_bytes-secret"
    assert all("bytes-secret" not in f"{m.msg} {m.hint}" for m in messages_of("bulletin"))


def test_a_missing_app_is_named(settings):
    apps = [app for app in settings.INSTALLED_APPS if app != "wagtail.contrib.routable_page"]
    assert "bulletin.E010" in ids_of("bulletin", INSTALLED_APPS=apps)
