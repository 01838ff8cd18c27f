"""The subscriptions' settings are checked at start-up (manage.py check)."""

from subscriptions.checks import check_settings


def test_the_defaults_pass():
    assert check_settings() == []


def test_a_string_from_the_environment_and_a_zero_limit_are_refused(settings):
    settings.SUBSCRIPTIONS_CONFIRMATIONS_PER_ADDRESS = "3"
    settings.SUBSCRIPTIONS_BATCH = 0
    assert sorted(message.id for message in check_settings()) == [
        "subscriptions.E001",
        "subscriptions.E002",
    ]


def test_the_unsubscribe_mailbox_must_be_an_address(settings):
    settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO = "huy-dang-ky@example.gov.vn"
    assert check_settings() == []
    settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO = "mailto:huy-dang-ky"
    assert [message.id for message in check_settings()] == ["subscriptions.E001"]
