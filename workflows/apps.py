from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    label = "cchc_workflows"
    verbose_name = _("CCHC moderation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401 (checks: registers them)
        from .notification_preferences import use_review_notification_preferences

        signal_handlers.register()
        use_review_notification_preferences()
