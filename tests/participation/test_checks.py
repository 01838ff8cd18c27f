"""participation's system check: the apps whose records it reads must be installed."""

from tests.system_checks import ids_of


def test_the_apps_it_reads_must_be_installed(settings):
    apps = [app for app in settings.INSTALLED_APPS if app != "bulletin"]
    # participation's own check, whatever the others say about bulletin being gone.
    assert "participation.E010" in ids_of("participation", INSTALLED_APPS=apps)
