from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import can_view_report, has_own_agency
from .models import VIEW_REPORT
from .views import MyAgencyParticipationView, ParticipationReportView


@hooks.register("register_admin_urls")
def register_participation_urls():
    report, own = ParticipationReportView, MyAgencyParticipationView
    return [
        path("reports/participation/", report.as_view(), name="participation_report"),
        path(
            "reports/participation/results/",
            report.as_view(results_only=True),
            name="participation_report_results",
        ),
        path("reports/participation/my-agency/", own.as_view(), name="participation_my_agency"),
        path(
            "reports/participation/my-agency/results/",
            own.as_view(results_only=True),
            name="participation_my_agency_results",
        ),
    ]


class ParticipationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)


class MyAgencyParticipationMenuItem(MenuItem):
    def is_shown(self, request):
        return has_own_agency(request.user)


@hooks.register("register_reports_menu_item")
def register_participation_menu_item():
    return ParticipationMenuItem(
        _("Participation"),
        reverse("participation_report"),
        name="participation",
        icon_name="group",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_my_agency_participation_menu_item():
    return MyAgencyParticipationMenuItem(
        _("My agency — participation"),
        reverse("participation_my_agency"),
        name="my-agency-participation",
        icon_name="group",
        order=110,
    )


@hooks.register("register_permissions")
def register_report_permission():
    """The report's permission in Settings → Groups, so administrators can grant it."""
    return Permission.objects.filter(content_type__app_label="participation", codename=VIEW_REPORT)
