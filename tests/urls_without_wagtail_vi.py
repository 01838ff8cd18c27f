"""The portal's URLs without wagtail_vi's (tests/test_checks.py: wagtail_vi.W003)."""

from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [path("admin/", include(wagtailadmin_urls))]
