"""Mounted at the admin's prefix, before Wagtail's admin URLs, so that this view answers first."""

from django.urls import path

from .views import localized_js_catalog

urlpatterns = [
    path("jsi18n/", localized_js_catalog, name="wagtail_vi_javascript_catalog"),
]
