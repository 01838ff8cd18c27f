"""Admin views: the week's assembly (a preview, then a confirmation whose POST alone
publishes) and the delivery log's inspect and resend (CCHC office and leadership)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import InspectView

from cchc_news.models import NewsItemPage

from . import delivery
from .assembly import (
    AssemblyRefused,
    FutureWeek,
    PreviewOutdated,
    assemble,
    auto_publish,
    current_week,
    get_index,
    items_after,
)
from .assembly_form import ConfirmAssemblyForm
from .backends import central_backend
from .health import cycle_health
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


def preview_url(week=None):
    url = reverse("bulletin_assemble")
    return f"{url}?{urlencode({'week': str(week)})}" if week else url


def confirm_url(week, fingerprint):
    query = urlencode({"week": str(week), "fingerprint": fingerprint})
    return f"{reverse('bulletin_assemble_confirm')}?{query}"


def central_delivery_plan():
    """Where a published bulletin goes: the central e-bulletin's backend and target."""
    backend = central_backend()
    return {
        "backend": backend.name,
        "target": backend.target(),
        "configured": backend.is_configured(),
    }


def is_issued(preview):
    return preview.bulletin is not None and preview.bulletin.is_issued()


def week_context(request, week, preview, now):
    period_start, cutoff = week.period()
    this_week = current_week(now)
    context = {
        "week": week,
        "previous_week": week.previous(),
        "next_week": week.next() if week.start() < this_week.start() else None,
        "current_week": this_week,
        "preview": preview,
        "period_start": period_start,
        "cutoff": cutoff,
        "before_cutoff": now < cutoff,
        "auto_publish": auto_publish(),
        "central": central_delivery_plan(),
        "archive": get_index(),
    }
    if is_issued(preview):
        context["central_delivery"] = preview.bulletin.deliveries.filter(
            channel=FeedDelivery.CHANNEL_CENTRAL, correction__isnull=True
        ).first()
    else:
        context["removed"] = list(
            NewsItemPage.objects.filter(pk__in=preview.removed).only("title").order_by("title")
        )
        context["later"] = list(items_after(cutoff))
        context["confirm_url"] = confirm_url(week, preview.fingerprint)
    return context


def render_preview(request, week, preview, now, outdated=False):
    context = week_context(request, week, preview, now)
    context["outdated"] = outdated
    context["cycle_health"] = cycle_health(now)
    return TemplateResponse(request, "bulletin/admin/assemble.html", context)


def refused(request, refusal, week=None):
    """Back to a preview with the reason: the current week's for a week not yet begun."""
    messages.error(request, str(refusal))
    return redirect(preview_url(week))


def assemble_view(request):
    """The preview: what the week's bulletin will hold and where it will be sent."""
    if not user_can_assemble(request.user):
        raise PermissionDenied
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    now = timezone.now()
    week = chosen_week(request)
    try:
        preview = assemble(week, dry_run=True, now=now)
    except FutureWeek as refusal:
        return refused(request, refusal)
    return render_preview(request, week, preview, now)


def confirm_assembly_view(request):
    """The confirmation: names the bulletin and its delivery; only its POST publishes."""
    if not user_can_assemble(request.user):
        raise PermissionDenied
    now = timezone.now()
    week = chosen_week(request)
    try:
        preview = assemble(week, dry_run=True, now=now)
    except FutureWeek as refusal:
        return refused(request, refusal)
    if is_issued(preview) or not preview.items:
        if request.method == "POST":
            messages.info(request, preview.message)
        return redirect(preview_url(week))
    before_cutoff = now < week.cutoff()
    if request.method == "POST":
        form = ConfirmAssemblyForm(request.POST, before_cutoff=before_cutoff)
        if form.is_valid():
            return confirmed(request, form, now)
        if "week" in form.errors or "fingerprint" in form.errors:
            return redirect(preview_url(week))
    else:
        if request.GET.get("fingerprint") != preview.fingerprint:
            return render_preview(request, week, preview, now, outdated=True)
        form = ConfirmAssemblyForm(
            initial={"week": str(week), "fingerprint": preview.fingerprint},
            before_cutoff=before_cutoff,
        )
    context = week_context(request, week, preview, now)
    context["form"] = form
    return TemplateResponse(request, "bulletin/admin/assemble_confirm.html", context)


def confirmed(request, form, now):
    week = form.cleaned_data["week"]
    try:
        result = assemble(
            week,
            user=request.user,
            early_reason=form.early_reason(),
            expected_fingerprint=form.cleaned_data["fingerprint"],
            now=now,
        )
    except PreviewOutdated:
        return render_preview(request, week, assemble(week, dry_run=True, now=now), now, True)
    except FutureWeek as refusal:
        return refused(request, refusal)
    except AssemblyRefused as refusal:
        # CutoffNotPassed: the form checked the cut-off at the same `now`, so not expected.
        return refused(request, refusal, week)
    if result.published:
        messages.success(request, result.message)
        return redirect(preview_url(week))
    if result.bulletin is not None and not result.bulletin.is_issued():
        messages.success(request, result.message)
        return redirect("wagtailadmin_pages:edit", result.bulletin.pk)
    messages.info(request, result.message)
    return redirect(preview_url(week))


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
