"""Admin view: preview and run the week's assembly now (CCHC office)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import InspectView

from . import delivery
from .assembly import assemble, current_week, get_index
from .models import BulletinIndexPage, FeedDelivery
from .weeks import Week


def user_can_assemble(user):
    index = BulletinIndexPage.objects.first()
    return index is not None and index.permissions_for_user(user).can_publish_subpage()


def chosen_week(request):
    text = request.POST.get("week") or request.GET.get("week")
    try:
        return Week.parse(text) if text else current_week()
    except ValueError:
        messages.error(
            request, _("“%(week)s” is not an ISO week such as 2026-W48.") % {"week": text}
        )
        return current_week()


def assemble_view(request):
    if not user_can_assemble(request.user):
        raise PermissionDenied
    week = chosen_week(request)
    if request.method == "POST":
        result = assemble(week, user=request.user)
        messages.success(request, result.message)
        if result.bulletin is not None:
            return redirect("wagtailadmin_pages:edit", result.bulletin.pk)
        return redirect("bulletin_assemble")
    preview = assemble(week, dry_run=True)
    period_start, cutoff = week.period()
    return TemplateResponse(
        request,
        "bulletin/admin/assemble.html",
        {
            "week": week,
            "previous_week": week.previous(),
            "next_week": week.next(),
            "preview": preview,
            "period_start": period_start,
            "cutoff": cutoff,
            "before_cutoff": timezone.now() < cutoff,
            "archive": get_index(),
        },
    )


class DeliveryInspectView(InspectView):
    """The delivery with every attempt, and the resend button."""

    template_name = "bulletin/admin/delivery_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attempts"] = self.object.attempts.all()
        context["can_resend"] = self.object.status != FeedDelivery.PENDING
        return context


@require_POST
def resend_view(request, pk):
    if not user_can_assemble(request.user):
        raise PermissionDenied
    record = get_object_or_404(FeedDelivery, pk=pk)
    delivery.resend(record)
    messages.success(request, _("The delivery will be sent again (same webhook-id)."))
    return redirect("deliveries:inspect", pk)
