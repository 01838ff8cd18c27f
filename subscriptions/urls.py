"""Public URLs of the subscriptions (included before Wagtail's catch-all)."""

from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("nhan-ban-tin/", views.subscribe, name="subscribe"),
    path("nhan-ban-tin/da-gui/", views.requested, name="requested"),
    path("nhan-ban-tin/xac-nhan/<str:confirmation>/", views.confirm, name="confirm"),
    path("nhan-ban-tin/huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("nhan-ban-tin/tuy-chon/<str:token>/", views.preferences, name="preferences"),
]
