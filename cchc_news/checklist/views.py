"""Admin endpoints that re-run the checklist on the item editor's unsaved form.

They build on Wagtail's page preview views, which already find the page (latest revision) or a
new page under its parent and refuse users who may not edit it or add there; the form is the
page's own edit form, so the checklist reads each field exactly as saving would.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.admin.views.pages.preview import PreviewOnCreate, PreviewOnEdit
from wagtail.models import Page

from ..models import NewsItemPage
from .editor import apply_typed_values, checklist_payload, without_actions
from .rules import run_checklist


class ChecklistMixin:
    http_method_names = ("post",)

    def dispatch(self, request, *args, **kwargs):
        if not isinstance(self.object, NewsItemPage):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, query_dict):
        form_class = self.object.get_edit_handler().get_form_class()
        return form_class(
            without_actions(query_dict),
            instance=self.object,
            parent_page=self.parent_page,
            for_user=self.request.user,
        )

    def post(self, request, *args, **kwargs):
        try:
            page = apply_typed_values(self.get_form(request.POST))
        except ValueError:  # the body editor's data is not its JSON: no browser sends that
            message = gettext("The form's content could not be read; the checklist is unchanged.")
            return no_store(JsonResponse({"error": message}, status=400))
        return no_store(JsonResponse(checklist_payload(request, run_checklist(page))))


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response


class ChecklistOnEdit(ChecklistMixin, PreviewOnEdit):
    @cached_property
    def parent_page(self):
        return self.object.get_parent().specific


class ChecklistOnCreate(ChecklistMixin, PreviewOnCreate):
    @cached_property
    def content_type(self):
        return ContentType.objects.get_for_model(NewsItemPage)

    @cached_property
    def parent_page(self):
        return get_object_or_404(Page, id=self.parent_object_id).specific

    def get_object(self):
        page = super().get_object()  # refuses users who may not add under the parent
        if not NewsItemPage.can_create_at(self.parent_page):
            raise Http404
        return page


urlpatterns = [
    path("cchc/checklist/<int:page_id>/", ChecklistOnEdit.as_view(), name="cchc_checklist_edit"),
    path(
        "cchc/checklist/new/<int:parent_page_id>/",
        ChecklistOnCreate.as_view(),
        name="cchc_checklist_create",
    ),
]
