"""Copying pages never publishes a news item: a copy of one is a draft that goes through review.

Wagtail's copy form offers whoever may publish "Publish copies" and "Alias" (a copy that is live
whenever its original is); either would put a news item on the portal with no review and no
reason. Wherever the copied pages hold a news item, the form offers neither, a request that asks
for one anyway is refused with the reason, and the admin API's copy makes drafts
(cchc_news.wagtail_hooks and cchc_news.admin.api wire these functions in).

An agency's news space (its NewsIndexPage) belongs to the agency and is created with it: a page
above one is copied without its subpages (a copy of the space would be a second space of the same
agency, which the database refuses).
"""

from django import forms
from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from ..models import NewsIndexPage, NewsItemPage

PUBLISHING_FIELDS = ("publish_copies", "alias")

COPIES_ARE_DRAFTS = _("Copies of news items are drafts: each one goes through review.")
PUBLISHING_REFUSED = _(
    "News items are not published when they are copied: the copies are drafts that go "
    "through review. Copy without “Publish copies” and “Alias”."
)
SUBPAGES_REFUSED = _(
    "The agencies' news spaces under this page are not copied: copy it without its subpages."
)


def holds_news(page, with_descendants=True):
    """Whether `page`, or with `with_descendants` any page under it, is a news item."""
    if with_descendants:
        return NewsItemPage.objects.descendant_of(page, inclusive=True).exists()
    return NewsItemPage.objects.filter(pk=page.pk).exists()


def holds_agency_spaces(page):
    return NewsIndexPage.objects.descendant_of(page).exists()


def concerns_news(page):
    """Whether the copy rules below apply: news items or news spaces are at or under `page`."""
    return (
        Page.objects.descendant_of(page, inclusive=True).type(NewsItemPage, NewsIndexPage).exists()
    )


def ticked(data, name):
    """Whether the submitted form ticks the checkbox `name`, read as Django's form would."""
    value = forms.CheckboxInput().value_from_datadict(data, None, name)
    return forms.BooleanField(required=False).clean(value)


def copy_form_for_news(request, page):
    """The page's copy form (Wagtail's or the page type's own) without what would publish a
    news item, nor copy the news spaces under it."""
    form_class = getattr(page.specific_class, "copy_form_class", CopyForm)
    form = form_class(request.POST or None, user=request.user, page=page)
    if holds_agency_spaces(page):
        form.fields.pop("copy_subpages", None)
    if holds_news(page, with_descendants="copy_subpages" in form.fields):
        for name in PUBLISHING_FIELDS:
            form.fields.pop(name, None)
        form.fields["new_title"].help_text = COPIES_ARE_DRAFTS
    return form


def refusal(page, data):
    """Why this submitted copy form is refused (it asks for what the form does not offer)."""
    with_subpages = ticked(data, "copy_subpages")
    if with_subpages and holds_agency_spaces(page):
        return SUBPAGES_REFUSED
    if holds_news(page, with_subpages) and any(ticked(data, name) for name in PUBLISHING_FIELDS):
        return PUBLISHING_REFUSED
    return None


def render_copy_form(request, page, form):
    context = {"page": page, "form": form, "next": get_valid_next_url_from_request(request)}
    return TemplateResponse(request, "wagtailadmin/pages/copy.html", context)


def copy_news_as_drafts(request, page):
    """`before_copy_page`: where news items would be copied, Wagtail's copy view only copies.

    Shows the form without the fields above (also when it comes back with errors) and refuses,
    with the reason, a request that asks for them anyway. A valid request without them goes on
    to Wagtail's view, which then copies every page as a draft.
    """
    if not concerns_news(page):
        return None
    form = copy_form_for_news(request, page)
    if request.method == "POST":
        reason = refusal(page, request.POST)
        if reason:
            messages.error(request, reason)
        elif form.is_valid():
            return None
    return render_copy_form(request, page, form)
