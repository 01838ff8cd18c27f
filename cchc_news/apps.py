from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CCHCNewsConfig(AppConfig):
    name = "cchc_news"
    label = "cchc_news"
    verbose_name = _("Administrative reform news")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401 (checks: registers them)
        from .public import listing, search  # noqa: F401 -- they register the section's routes

        signal_handlers.register()
