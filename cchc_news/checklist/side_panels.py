"""The checklist side panel of the news item editor, beside Wagtail's status and preview.

Wagtail's page views offer no hook for side panels; the page editor's header templates add this
one through ``{% checklist_side_panels %}`` (``cchc_news/templatetags/cchc_admin.py``). Its
toggle in the editor's sticky header counts the failing rules, so the checklist is in sight
whatever tab or part of the form the editor is at; once opened, Wagtail keeps the panel open.
"""

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.side_panels import BaseSidePanel

from .editor import check_url, checklist_context, editor_results

PANEL_NAME = "cchc-checklist"


class ChecklistSidePanel(BaseSidePanel):
    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = gettext_lazy("Toggle checklist")
        icon_name = "tasks"
        counter_classname = "w-bg-critical-200"

        def get_context_data(self, parent_context):
            context = super().get_context_data(parent_context)
            context["count"] = len(self.panel.checklist["failed"])
            return context

    name = PANEL_NAME
    title = gettext_lazy("Checklist")
    template_name = "cchc_news/side_panels/checklist.html"

    def __init__(self, page, request, *, parent_page):
        super().__init__(page, request)
        self.checklist = checklist_context(editor_results(request, page))
        self.check_url = check_url(page, parent_page)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(self.checklist)
        context["check_url"] = self.check_url
        return context


def with_checklist_panel(side_panels, request, page, parent_page):
    """Wagtail's side panels with the checklist after "Status"."""
    panels = list(side_panels)
    panels.insert(min(1, len(panels)), ChecklistSidePanel(page, request, parent_page=parent_page))
    return panels
