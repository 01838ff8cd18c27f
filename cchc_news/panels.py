"""Editor panels of the news item."""

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ChecklistPanel(Panel):
    """What the checklist still asks for, with the button that shows the whole checklist.

    The rules themselves are in the editor's side panel (``cchc_news/side_panels.py``); the
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
            from .checklist_editor import checklist_context, editor_results

            context = super().get_context_data(parent_context)
            context.update(checklist_context(editor_results(self.request, self.instance)))
            context["word_import"] = self.word_import_link()
            return context

        def word_import_link(self):
            from .word_import_views import editor_link

            parent_page = getattr(self.form, "parent_page", None)
            return editor_link(self.instance, parent_page, self.request.user)
