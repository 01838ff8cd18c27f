from django.apps import AppConfig


class WagtailViConfig(AppConfig):
    name = "wagtail_vi"
    label = "wagtail_vi"
    # Not translated: the app has no models, so its name never appears in the admin.
    verbose_name = "Wagtail admin in Vietnamese"

    def ready(self):
        from .names import use_vietnamese_name_order

        use_vietnamese_name_order()
