"""The admin's "Gỡ tin" view: confirm with a reason (GET), withdraw (POST).

A thin view over cchc_news.withdrawal.actions; Wagtail's page permissions decide who may (those
who may unpublish the item: the CCHC office, leadership, superusers).
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page

from ..models import NewsItemPage
from ..safe_forms import SafeTextForm
from .actions import clean_reason, not_live_message, withdraw


class WithdrawalForm(SafeTextForm):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Visitors read it at the item's address; it is kept in the item's history "
            "and, if the item is in a published bulletin, in that bulletin's correction."
        ),
    )

    def clean_reason(self):
        return clean_reason(self.cleaned_data["reason"])


class WithdrawView(WagtailAdminTemplateMixin, FormView):
    form_class = WithdrawalForm
    template_name = "cchc_news/admin/withdraw.html"
    page_title = _("Withdraw")
    header_icon = "download"

    def dispatch(self, request, page_id):
        self.item = get_object_or_404(NewsItemPage.objects.select_related("agency"), pk=page_id)
        permissions = self.item.permissions_for_user(request.user)
        if not self.item.live and permissions.can_publish():
            messages.error(request, not_live_message(self.item))
            return redirect("wagtailadmin_pages:edit", self.item.pk)
        if not permissions.can_unpublish():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.item.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return get_breadcrumbs_items_for_page(self.item, self.request.user) + [
            {"url": "", "label": self.get_page_title()}
        ]

    def get_next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(
            "wagtailadmin_explore", args=(self.item.get_parent().pk,)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            item=self.item,
            action_url=self.request.get_full_path(),
            submit_button_label=gettext("Withdraw"),
            submit_button_active_label=gettext("Withdrawing…"),
            cancel_url=reverse("wagtailadmin_pages:edit", args=(self.item.pk,)),
        )
        return context

    def form_valid(self, form):
        try:
            withdraw(self.item, form.cleaned_data["reason"], self.request.user)
        except ValidationError as error:
            if getattr(error, "code", None) == "not_live":  # withdrawn by someone else meanwhile
                messages.error(self.request, not_live_message(self.item))
                return redirect("wagtailadmin_pages:edit", self.item.pk)
            form.add_error("reason", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext(
                "“%(title)s” has been withdrawn. Its address now shows visitors the notice "
                "with the reason."
            )
            % {"title": self.item.get_admin_display_title()},
            buttons=[messages.button(self.item.url, gettext("View the notice"), new_window=True)],
        )
        return redirect(self.get_next_url())


def withdraw_url(item, next_url=None) -> str:
    url = reverse("cchc_news_withdraw", args=(item.pk,))
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url


urlpatterns = [
    path("cchc-news/withdraw/<int:page_id>/", WithdrawView.as_view(), name="cchc_news_withdraw"),
]
