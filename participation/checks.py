"""System check of participation: the report reads the three other apps' records.

Registered when the app is ready (ParticipationConfig.ready); ids in the README ("Settings").
"""

from django.core import checks

from cchc_news.setting_checks import missing_apps

REQUIRED_APPS = ("cchc_news", "workflows", "bulletin")


@checks.register()
def check_required_apps(app_configs=None, **kwargs):
    return missing_apps("participation", REQUIRED_APPS)
