"""Wagtail hooks of the withdrawal ("Gỡ tin"): a news item is taken down with a reason that
visitors read at its address; Wagtail's own ways to unpublish one lead there instead."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import (
    ActionMenuItem,
    UnpublishMenuItem,
)
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from .actions import WITHDRAW_ACTION, is_news_item, takes_news_down
from .views import urlpatterns as withdrawal_urlpatterns
from .views import withdraw_url

# Withdrawal ("Gỡ tin", cchc_news.withdrawal.actions): a news item is taken down with a reason that
# visitors read at its address. Wagtail's own ways to unpublish one lead there instead.


@hooks.register("register_admin_urls")
def register_withdrawal_urls():
    return withdrawal_urlpatterns


class WithdrawMenuItem(ActionMenuItem):
    label = _("Withdraw")
    name = "action-withdraw"
    icon_name = "download"

    def get_url(self, context):
        return withdraw_url(context["page"])


@hooks.register("construct_page_action_menu")
def withdraw_instead_of_unpublish(menu_items, request, context):
    """The editor's "Unpublish" (shown to whoever may unpublish) becomes "Withdraw"."""
    page = context.get("page")
    if page is None or not is_news_item(page):
        return
    for position, item in enumerate(menu_items):
        if isinstance(item, UnpublishMenuItem):
            menu_items[position] = WithdrawMenuItem(order=item.order)


def withdraw_button_like(button, page):
    """A "Withdraw" button in the place of Wagtail's "Unpublish" one, keeping its `next`."""
    query = urlsplit(button.url).query
    url = withdraw_url(page) + (f"?{query}" if query else "")
    return type(button)(_("Withdraw"), url, icon_name="download", priority=button.priority)


@hooks.register("construct_page_listing_buttons")
def withdraw_in_page_listing(buttons, page, user, context=None):
    """The explorer's "Unpublish" of a news item (in its "more" dropdown) becomes "Withdraw"."""
    if not is_news_item(page):
        return
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=(page.pk,))
    for group in [buttons] + [b.dropdown_buttons for b in buttons if hasattr(b, "hook_name")]:
        for position, button in enumerate(group):
            if urlsplit(button.url or "").path == unpublish_url:
                group[position] = withdraw_button_like(button, page)


@hooks.register("register_page_header_buttons")
def withdraw_header_button(page, user, view_name, next_url=None):
    """Wagtail 7.4 has no hook to change the header's own "Unpublish" item: it stays, and
    leads to the withdrawal through `redirect_unpublish_to_withdrawal`."""
    if is_news_item(page) and page.permissions_for_user(user).can_unpublish():
        yield Button(_("Withdraw"), withdraw_url(page, next_url), icon_name="download", priority=59)


@hooks.register("before_unpublish_page")
def redirect_unpublish_to_withdrawal(request, page):
    """Wagtail's unpublish URL: a news item goes to the withdrawal form; a page whose
    descendants would take live news items down with it is refused."""
    if is_news_item(page):
        messages.info(request, _("A news item is withdrawn with a reason that visitors read."))
        return redirect(withdraw_url(page, get_valid_next_url_from_request(request)))
    if takes_news_down([page], include_descendants=bool(request.POST.get("include_descendants"))):
        messages.error(request, NEWS_UNDER_PAGE_MESSAGE)
        return redirect("wagtailadmin_pages:unpublish", page.pk)


NEWS_UNDER_PAGE_MESSAGE = _(
    "Live news items are under this page: withdraw each of them with a reason first, or "
    "unpublish this page without its subpages."
)


@hooks.register("before_bulk_action")
def refuse_bulk_unpublishing_of_news(request, action_type, objects, action_class_instance):
    """Bulk unpublishing would take news items down without a reason or a notice."""
    if action_type != "unpublish":
        return None
    form = getattr(action_class_instance, "cleaned_form", None)
    include_descendants = bool(form and form.cleaned_data.get("include_descendants"))
    if not takes_news_down(objects, include_descendants):
        return None
    messages.error(
        request,
        _(
            "News items cannot be unpublished in bulk: withdraw each item with a reason "
            "(“Withdraw” in its menu)."
        ),
    )
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_explore_root")


@hooks.register("register_log_actions")
def register_withdrawal_log_action(actions):
    @actions.register_action(WITHDRAW_ACTION)
    class Withdraw(LogFormatter):
        label = _("Withdraw")

        def format_message(self, log_entry):
            return _("Withdrawn from the portal. Reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }
