from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    label = "cchc_workflows"
    verbose_name = _("CCHC moderation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.signals import setting_changed

        from . import checks, signal_handlers  # noqa: F401 (checks: registers them)
        from .notification_preferences import (
            follow_notification_preferences_setting,
            use_review_notification_preferences,
        )

        signal_handlers.register()
        use_review_notification_preferences()
        setting_changed.connect(
            follow_notification_preferences_setting,
            dispatch_uid="workflows.notification_preferences",
        )
