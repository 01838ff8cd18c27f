from django.apps import AppConfig


class CCHCDemoConfig(AppConfig):
    name = "cchc_demo"
    verbose_name = "CCHC demo data"
