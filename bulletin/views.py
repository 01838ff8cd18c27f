"""Admin view: preview and run the week's assembly now (CCHC office)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .assembly import assemble, current_week, get_index
from .models import BulletinIndexPage
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
