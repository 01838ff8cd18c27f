"""Editor panels of the news item."""

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel

from .editor import checklist_context, editor_results


class ChecklistPanel(Panel):
    """What the checklist still asks for, with the button that shows the whole checklist.

    The rules themselves are in the editor's side panel (``side_panels.py``); the
    script of this panel keeps both up to date with the unsaved form.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Checklist"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "cchc_news/panels/checklist.html"

        @property
        def media(self):
            return forms.Media(js=[static("cchc_news/js/checklist.js")])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(checklist_context(editor_results(self.request, self.instance)))
            # The template offers the Word import (cchc_admin's word_import_link tag).
            context["parent_page"] = getattr(self.form, "parent_page", None)
            # The create form's key (cchc_news.admin.autosave), posted with every save of the form.
            context["form_key"] = self.form["form_key"] if "form_key" in self.form.fields else ""
            return context


class PublishWithoutReviewPanel(MultiFieldPanel):
    """The reason for publishing at once and, when rules fail, their acknowledgement.

    Shown only to those who may publish (the form drops both fields for everyone else). The
    rules that fail are listed above the fields, from the checklist the editor already sees;
    the checklist script redraws the list as the form changes.
    """

    def __init__(self, children=(), *args, **kwargs):
        children = children or [
            FieldPanel("publication_reason"),
            FieldPanel("acknowledge_failing_rules"),
        ]
        kwargs.setdefault("heading", _("Publish without review"))
        super().__init__(children, *args, **kwargs)

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "cchc_news/panels/publish_without_review.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(checklist_context(editor_results(self.request, self.instance)))
            return context
