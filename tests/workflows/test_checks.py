"""workflows' system checks: a bad value or a missing app gives its id."""

import pytest

from tests.system_checks import ids_of


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"CCHC_PREVENT_SELF_APPROVAL": "1"}, "workflows.E001"),  # from the environment
        ({"CCHC_REVIEW_REMINDER_WORKING_DAYS": 1.5}, "workflows.E001"),
        ({"CCHC_ESCALATE_AFTER_WORKING_DAYS": "3"}, "workflows.E001"),
        ({"CCHC_REVIEW_REMINDER_WORKING_DAYS": 0}, "workflows.E002"),
        ({"CCHC_ESCALATE_AFTER_WORKING_DAYS": -1}, "workflows.E002"),
        ({"WAGTAIL_WORKFLOW_ENABLED": False}, "workflows.E003"),
    ],
)
def test_a_bad_value_gives_the_checks_id(overrides, expected):
    assert expected in ids_of("workflows", **overrides)


def test_a_missing_app_is_named(settings):
    apps = [app for app in settings.INSTALLED_APPS if app != "wagtail.users"]
    assert "workflows.E010" in ids_of("workflows", INSTALLED_APPS=apps)
