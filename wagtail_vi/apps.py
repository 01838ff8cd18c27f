from django.apps import AppConfig, apps


class WagtailViConfig(AppConfig):
    name = "wagtail_vi"
    label = "wagtail_vi"
    # Not translated: the app has no models, so its name never appears in the admin.
    verbose_name = "Wagtail admin in Vietnamese"

    def ready(self):
        from django.core.signals import setting_changed

        from . import checks  # noqa: F401 (registers the checks)
        from .names import (
            follow_name_order_setting,
            full_name_in_sidebar,
            use_vietnamese_name_order,
        )

        use_vietnamese_name_order()
        full_name_in_sidebar()
        if apps.is_installed("wagtail.contrib.redirects"):
            from .lazy_labels import lazy_redirect_filter_labels

            lazy_redirect_filter_labels()
        setting_changed.connect(follow_name_order_setting, dispatch_uid="wagtail_vi.name_order")
