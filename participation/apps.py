from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation report")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cchc_news.signals import section_ready

        from . import checks  # noqa: F401 (registers the checks)
        from .setup import grant_report_permission

        section_ready.connect(
            grant_report_permission, dispatch_uid="participation.grant_report_permission"
        )
