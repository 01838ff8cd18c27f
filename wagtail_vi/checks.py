"""System checks of wagtail_vi: its setting, its place in INSTALLED_APPS and in the URLs.

Registered when the app is ready (WagtailViConfig.ready). wagtail_vi imports no project app,
so these are its own (ids in the README, "Settings").
"""

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.urls import NoReverseMatch, resolve, reverse

from . import conf

# Apps whose strings or templates wagtail_vi replaces: Django gives the catalogue and the
# templates of the app listed first precedence.
OVERRIDDEN_APPS = ("wagtail", "django.contrib.auth")


@checks.register()
def check_name_order_setting(app_configs=None, **kwargs):
    value = conf.get("WAGTAIL_VI_NAME_ORDER")
    if isinstance(value, bool):
        return []
    return [
        checks.Error(
            f"WAGTAIL_VI_NAME_ORDER must be True or False, not {value!r}.",
            hint="Set WAGTAIL_VI_NAME_ORDER = True to write full names family name first, "
            "or leave it out (off).",
            id="wagtail_vi.E001",
        )
    ]


def overridden(app_config):
    return any(
        app_config.name == name or app_config.name.startswith(f"{name}.")
        for name in OVERRIDDEN_APPS
    )


@checks.register()
def check_app_order(app_configs=None, **kwargs):
    """W001: listed after Wagtail's apps, their English strings and templates win."""
    configs = list(apps.get_app_configs())
    ours = next(i for i, config in enumerate(configs) if config.name == "wagtail_vi")
    earlier = [config.name for config in configs[:ours] if overridden(config)]
    if not earlier:
        return []
    named = ", ".join(earlier[:3]) + (" and others" if len(earlier) > 3 else "")
    return [
        checks.Warning(
            f"wagtail_vi comes after {named} in INSTALLED_APPS: their own strings and "
            "templates win over its Vietnamese ones.",
            hint="Move 'wagtail_vi' before every 'wagtail…' app and 'django.contrib.auth'.",
            id="wagtail_vi.W001",
        )
    ]


@checks.register()
def check_language(app_configs=None, **kwargs):
    """W002: without Vietnamese among LANGUAGES nobody can use the catalogue."""
    if "vi" in {code for code, _name in settings.LANGUAGES}:
        return []
    return [
        checks.Warning(
            "Vietnamese ('vi') is not in LANGUAGES: wagtail_vi's catalogue is never used.",
            hint="Add ('vi', 'Tiếng Việt') to LANGUAGES (and WAGTAILADMIN_PERMITTED_LANGUAGES).",
            id="wagtail_vi.W002",
        )
    ]


@checks.register(checks.Tags.urls)
def check_javascript_catalogue_url(app_configs=None, **kwargs):
    """W003: the admin's JavaScript strings (editor, comments, sidebar) need wagtail_vi's
    catalogue view at the address of Wagtail's, i.e. its URLs included first."""
    from .views import localized_js_catalog

    try:
        address = reverse("wagtailadmin_javascript_catalog")
    except NoReverseMatch:
        return []  # no Wagtail admin in these URLs
    if resolve(address).func is localized_js_catalog:
        return []
    return [
        checks.Warning(
            "Wagtail's admin answers its JavaScript catalogue itself: the admin's scripts "
            "stay in English.",
            hint="In the root URLconf, put path('admin/', include('wagtail_vi.urls')) right "
            "before Wagtail's admin URLs (same prefix).",
            id="wagtail_vi.W003",
        )
    ]
