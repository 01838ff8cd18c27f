"""System checks of the review's settings and of what it needs from the host project.

Registered when the app is ready (WorkflowsConfig.ready); ids in the README ("Settings").
"""

from django.conf import settings
from django.core import checks

from cchc_news.setting_checks import BOOLEAN, check_values, missing_apps, whole_number

from . import conf

EXPECTED = {
    "CCHC_PREVENT_SELF_APPROVAL": BOOLEAN,
    "CCHC_REVIEW_REMINDER_WORKING_DAYS": whole_number(1),
    "CCHC_ESCALATE_AFTER_WORKING_DAYS": whole_number(1),
    "CCHC_REVIEW_NOTIFICATION_PREFERENCES": BOOLEAN,
    "CCHC_DEACTIVATE_WAGTAIL_DEFAULT_WORKFLOW": BOOLEAN,
}
REQUIRED_APPS = ("cchc_news", "wagtail.admin", "wagtail.users")


@checks.register()
def check_settings(app_configs=None, **kwargs):
    return check_values("workflows", EXPECTED, conf.DEFAULTS)


@checks.register()
def check_required_apps(app_configs=None, **kwargs):
    return missing_apps("workflows", REQUIRED_APPS)


@checks.register()
def check_workflows_enabled(app_configs=None, **kwargs):
    """E003: with Wagtail's workflows off, nothing is reviewed."""
    if getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return []
    return [
        checks.Error(
            "WAGTAIL_WORKFLOW_ENABLED is False: news items cannot be sent for review.",
            hint="Set WAGTAIL_WORKFLOW_ENABLED = True (Wagtail's default), or remove "
            "'workflows' from INSTALLED_APPS.",
            id="workflows.E003",
        )
    ]
