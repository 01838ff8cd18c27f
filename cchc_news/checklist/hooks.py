"""Wagtail hooks of the checklist: its live-check URL and the footer's "Gửi duyệt" first once the
checklist passes."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import (
    SubmitForModerationMenuItem,
)

from ..models import NewsIndexPage
from ..review_state import is_sent_back
from ..withdrawal.actions import is_news_item
from .editor import editor_failed_rules
from .views import urlpatterns


class ShortSubmitMenuItem(SubmitForModerationMenuItem):
    """ "Gửi duyệt" ("Gửi duyệt lại" after changes were requested), without the workflow's
    name; the week's cut-off is shown beside the footer's buttons, not in this label."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        if page is not None and page.pk and is_sent_back(page):
            context["label"] = _("Resubmit for review")
        else:
            context["label"] = _("Submit for review")
        return context


@hooks.register("construct_page_action_menu")
def submit_first_when_the_checklist_passes(menu_items, request, context):
    """A news item's "Submit" is the footer's main button once its checklist passes.

    Wagtail makes the first item the main one ("Save draft"). The checklist is that of the
    item as the editor opened it (its latest revision), or as posted when the form comes
    back with errors; the page renders again after each save, so the main button follows.
    """
    page = context.get("page")
    if page is None and not isinstance(context.get("parent_page"), NewsIndexPage):
        return
    if page is not None and not is_news_item(page):
        return
    for position, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[position] = ShortSubmitMenuItem(order=item.order)
    if page is None:
        return  # a new item: nothing typed yet, the checklist cannot pass
    submit = next((i for i in menu_items if isinstance(i, ShortSubmitMenuItem)), None)
    if submit is not None and not editor_failed_rules(request, page):
        menu_items.remove(submit)
        menu_items.insert(0, submit)


@hooks.register("register_admin_urls")
def register_checklist_urls():
    """The item editor re-runs the checklist on its unsaved form (cchc_news.checklist.views)."""

    return urlpatterns
