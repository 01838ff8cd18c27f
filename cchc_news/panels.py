"""Editor panels of the news item."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .schedule import cutoff_message


class ChecklistPanel(Panel):
    """Each submission rule and whether the item, as last saved or posted, passes it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Checklist"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "cchc_news/panels/checklist.html"

        def get_context_data(self, parent_context=None):
            from .checklist import run_checklist

            context = super().get_context_data(parent_context)
            results = run_checklist(self.instance)
            context["results"] = results
            context["all_passed"] = all(result.passed for result in results)
            context["cutoff"] = cutoff_message()
            context["word_import"] = self.word_import_link()
            return context

        def word_import_link(self):
            from .word_import_views import editor_link

            parent_page = getattr(self.form, "parent_page", None)
            return editor_link(self.instance, parent_page, self.request.user)
