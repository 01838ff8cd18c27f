"""The project's own settings pass every system check; each app's defaults pass its own."""

import pytest
from django.core.checks import run_checks
from django.core.management import call_command

import bulletin.conf
import cchc_news.conf
import wagtail_vi.conf
import workflows.conf
from tests.system_checks import ids_of, without

APPS = ("cchc_news", "workflows", "bulletin", "participation", "wagtail_vi")
CONFS = (cchc_news.conf, workflows.conf, bulletin.conf, wagtail_vi.conf)


def test_the_projects_settings_pass_every_check():
    assert run_checks() == []
    call_command("check", fail_level="WARNING")


def test_a_host_that_sets_none_of_our_settings_gets_the_defaults_and_passes_the_checks():
    names = [name for conf in CONFS for name in conf.DEFAULTS]
    override = without(*names)
    try:
        for conf in CONFS:
            for name, default in conf.DEFAULTS.items():
                assert conf.get(name) == default
        assert not {app: ids_of(app) for app in APPS if ids_of(app)}
    finally:
        override.disable()


def test_a_setting_that_no_app_declares_is_a_programming_error():
    with pytest.raises(KeyError):
        cchc_news.conf.get("CCHC_NO_SUCH_SETTING")


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"WAGTAIL_VI_NAME_ORDER": "yes"}, "wagtail_vi.E001"),
        ({"LANGUAGES": [("en", "English")]}, "wagtail_vi.W002"),
        ({"ROOT_URLCONF": "tests.urls_without_wagtail_vi"}, "wagtail_vi.W003"),
    ],
)
def test_wagtail_vi_explains_a_bad_setting(overrides, expected):
    assert expected in ids_of("wagtail_vi", **overrides)


def test_wagtail_vi_after_wagtails_apps_loses_to_their_strings(settings):
    apps = [app for app in settings.INSTALLED_APPS if app != "wagtail_vi"]
    assert "wagtail_vi.W001" in ids_of("wagtail_vi", INSTALLED_APPS=[*apps, "wagtail_vi"])
