"""Admin views: a new draft news item from a Word file, or a draft's content replaced by one.

Thin views over ``cchc_news.word_import.actions``; the agency's page permissions decide who
may import where (an editor of one agency cannot import into another's index).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page

from ..models import NewsIndexPage, NewsItemPage
from ..uploads.file_types import max_upload_bytes, megabytes
from .actions import (
    can_import_into,
    create_item_from_word,
    replace_item_from_word,
    replace_refusal,
)
from .reader import WordImportError, upload_error

DOCX_ACCEPT = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WordImportForm(forms.Form):
    file = forms.FileField(
        label=_("Word file (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": DOCX_ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "The .docx file the item was written in, at most %(limit)s MB."
        ) % {"limit": megabytes(max_upload_bytes())}

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        error = upload_error(uploaded)
        if error:
            raise ValidationError(error, code="invalid_word_file")
        return uploaded


class WordReplaceForm(WordImportForm):
    confirm = forms.BooleanField(
        label=_("Replace the title, summary and body of this draft with the Word file's content"),
        help_text=_("The current content is kept in the item's history and can be restored."),
        error_messages={"required": _("Tick the box to confirm the replacement.")},
    )


def _report(request, result, replaced):
    """The success message (what was filled) and one warning per problem found."""
    content = result.content
    names = ["title"] + ["summary"] * bool(content.summary) + ["body"] * bool(result.page.body)
    filled = [str(NewsItemPage._meta.get_field(name).verbose_name) for name in names]
    values = {"title": content.title, "file": result.file_name}
    if replaced:
        lead = gettext(
            "“%(title)s” now has the content of “%(file)s”; the previous content is kept in "
            "the history."
        )
    else:
        lead = gettext("Draft “%(title)s” created from “%(file)s”.")
    details = ngettext(
        "Filled in: %(fields)s; %(images)s picture added to the agency's images; the Word "
        "file is attached as the original file.",
        "Filled in: %(fields)s; %(images)s pictures added to the agency's images; the Word "
        "file is attached as the original file.",
        result.image_count,
    ) % {"fields": ", ".join(filled), "images": result.image_count}
    advice = gettext("Choose a topic and check the content before sending the item for review.")
    messages.success(request, " ".join([lead % values, details, advice]))
    for warning in result.warnings:
        messages.warning(request, warning)


class BaseWordImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "cchc_news/admin/word_import.html"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return get_breadcrumbs_items_for_page(self.breadcrumb_page, self.request.user) + [
            {"url": "", "label": self.get_page_title()}
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            action_url=self.request.get_full_path(),
            media=form.media,
            submit_button_label=self.submit_button_label,
            submit_button_active_label=gettext("Importing…"),
        )
        return context

    def form_valid(self, form):
        try:
            result = self.run_import(form.cleaned_data["file"])
        except WordImportError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        _report(self.request, result, replaced=self.replacing)
        return redirect("wagtailadmin_pages:edit", result.page.pk)


class WordImportView(BaseWordImportView):
    """A new draft news item under an agency's index, filled from a .docx."""

    form_class = WordImportForm
    page_title = _("Import from a Word file")
    submit_button_label = _("Create the draft")
    replacing = False

    def dispatch(self, request, index_id):
        self.index = get_object_or_404(NewsIndexPage.objects.select_related("agency"), pk=index_id)
        if not can_import_into(self.index, request.user):
            raise PermissionDenied
        return super().dispatch(request, index_id)

    @cached_property
    def breadcrumb_page(self):
        return self.index

    def get_context_data(self, **kwargs):
        return super().get_context_data(index=self.index, **kwargs)

    def run_import(self, uploaded):
        return create_item_from_word(self.index, self.request.user, uploaded)


class WordReplaceView(BaseWordImportView):
    """A draft's title, summary and body replaced from a .docx, after confirmation."""

    form_class = WordReplaceForm
    page_title = _("Replace the content from a Word file")
    submit_button_label = _("Replace the content")
    replacing = True

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(NewsItemPage, pk=page_id)
        refusal = replace_refusal(self.page, request.user)
        if refusal and not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        if refusal:
            messages.error(request, refusal)
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        return super().dispatch(request, page_id)

    @cached_property
    def breadcrumb_page(self):
        return self.page

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.page, **kwargs)

    def run_import(self, uploaded):
        return replace_item_from_word(self.page, self.request.user, uploaded)


def import_url(index) -> str:
    return reverse("cchc_news_word_import", args=(index.pk,))


def replace_url(page) -> str:
    return reverse("cchc_news_word_replace", args=(page.pk,))


def editor_link(page, parent_page, user):
    """(url, label) of the Word import offered in the item's editor, or None.

    A new item offers to start from a Word file instead; a draft offers to replace its
    content from one.
    """
    if page.pk is None:
        parent = getattr(parent_page, "specific", None)
        if isinstance(parent, NewsIndexPage) and can_import_into(parent, user):
            return import_url(parent), gettext("Written in Word? Create the item from the .docx")
        return None
    if not page.live and page.permissions_for_user(user).can_edit():
        return replace_url(page), gettext("Replace the content from a Word file")
    return None


urlpatterns = [
    path(
        "cchc-news/word-import/<int:index_id>/",
        WordImportView.as_view(),
        name="cchc_news_word_import",
    ),
    path(
        "cchc-news/word-import/replace/<int:page_id>/",
        WordReplaceView.as_view(),
        name="cchc_news_word_replace",
    ),
]
