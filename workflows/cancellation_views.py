"""The admin's "Hủy quy trình duyệt" page: confirm with a reason (GET), cancel (POST).

A thin view over workflows.cancellation, which decides who may.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.models import Page

from cchc_news.safe_forms import SafeTextForm

from .cancellation import cancel_review, clean_reason, may_cancel


class CancelReviewForm(SafeTextForm):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The author is e-mailed it; the item's history keeps it."),
        error_messages={"required": _("Give the reason for cancelling: the author is told it.")},
    )

    def clean_reason(self):
        return clean_reason(self.cleaned_data["reason"])


class CancelReviewView(WagtailAdminTemplateMixin, FormView):
    form_class = CancelReviewForm
    template_name = "workflows/admin/cancel_review.html"
    page_title = _("Cancel the review")
    header_icon = "error"

    def dispatch(self, request, page_id):
        self.item = get_object_or_404(Page, pk=page_id).specific
        self.workflow_state = self.item.current_workflow_state
        if self.workflow_state is None:
            messages.error(request, gettext("This item is not under review."))
            return redirect("wagtailadmin_pages:edit", self.item.pk)
        if not may_cancel(self.workflow_state, request.user):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.item.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return get_breadcrumbs_items_for_page(self.item, self.request.user) + [
            {"url": "", "label": self.get_page_title()}
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task_state = self.workflow_state.current_task_state
        context.update(
            item=self.item,
            task=task_state.task if task_state else None,
            action_url=self.request.get_full_path(),
            submit_button_label=gettext("Cancel the review"),
            submit_button_active_label=gettext("Cancelling…"),
            back_url=reverse("wagtailadmin_pages:edit", args=(self.item.pk,)),
        )
        return context

    def form_valid(self, form):
        try:
            cancel_review(self.item, self.request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("The review of “%(title)s” has been cancelled; its authors are told why.")
            % {"title": self.item.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", self.item.pk)


urlpatterns = [
    path(
        "cchc-review/<int:page_id>/cancel/",
        CancelReviewView.as_view(),
        name="cchc_workflows_cancel_review",
    ),
]
