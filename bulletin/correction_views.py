"""Admin views to open and cancel the correction of an issued bulletin (thin: see corrections)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc_news.safe_forms import SafeTextForm

from .corrections import CorrectionRefused, cancel_correction, open_correction
from .locks import may_correct
from .models import BulletinPage


class CorrectionForm(SafeTextForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        help_text=gettext_lazy(
            "Shown on the bulletin and in its PDF (“Correction of dd/mm/yyyy: …”) and sent to "
            "the central e-bulletin."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
    )


def correctable_bulletin(request, page_id):
    bulletin = get_object_or_404(BulletinPage, pk=page_id)
    if not may_correct(request.user, bulletin):
        raise PermissionDenied
    return bulletin


def editor(bulletin):
    return redirect("wagtailadmin_pages:edit", bulletin.pk)


def open_view(request, page_id):
    bulletin = correctable_bulletin(request, page_id)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            open_correction(bulletin, form.cleaned_data["reason"], request.user)
        except CorrectionRefused as refusal:
            messages.error(request, str(refusal))
            return editor(bulletin)
        messages.success(
            request,
            _("Correction opened: edit the bulletin, then publish it to issue the correction."),
        )
        return editor(bulletin)
    return TemplateResponse(
        request,
        "bulletin/admin/correction_open.html",
        {"bulletin": bulletin, "form": form, "open_correction": bulletin.open_correction()},
    )


def cancel_view(request, page_id):
    bulletin = correctable_bulletin(request, page_id)
    if request.method == "POST":
        try:
            cancel_correction(bulletin, request.user)
        except CorrectionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, _("Correction cancelled: the published bulletin is unchanged.")
            )
        return editor(bulletin)
    return TemplateResponse(
        request,
        "bulletin/admin/correction_cancel.html",
        {"bulletin": bulletin, "correction": bulletin.open_correction()},
    )
