from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The host project as an app: its admin pieces (the login lock-outs) and their templates."""

    name = "portal"
    label = "portal"
    # Not translated: the app has no models, so its name never appears in the admin.
    verbose_name = "Portal"

    def ready(self):
        from .lockouts import log  # noqa: F401 (connects the failed-login receivers)
