"""The submission checklist as the item editor shows it.

The editor sees the checklist in three places on one page (the in-form summary, the side panel
and its toggle's counter), so the rules run once a request. While the editor types, the page
posts the unsaved form here and gets the checklist of what is on screen, not of the last save.
"""

from django.template.loader import render_to_string
from django.urls import reverse

from ..cutoff import cutoff_explanation
from .rules import run_checklist

# Fields the rules read; the rest of the form does not change the checklist.
TEXT_FIELDS = ("title", "summary", "body", "cover_alt")
CHOICE_FIELDS = ("topic", "cover_image", "original_file")
# Buttons whose presence in the posted data would make the form act rather than describe.
ACTION_KEYS = ("action-submit", "action-restart-workflow", "action-publish")

SUMMARY_TEMPLATE = "cchc_news/panels/checklist_summary.html"
RULES_TEMPLATE = "cchc_news/panels/checklist_rules.html"
FAILING_TEMPLATE = "cchc_news/panels/failing_rules.html"


def editor_results(request, page):
    """``run_checklist(page)``, computed once per request and page object."""
    memo = request.__dict__.setdefault("_cchc_checklist_results", {})
    if id(page) not in memo:
        # The page is kept with its results so that its id cannot be reused meanwhile.
        memo[id(page)] = (page, run_checklist(page))
    return memo[id(page)][1]


def editor_failed_rules(request, page):
    """The rules `page` fails, from the same once-a-request run as the rest of the editor."""
    return [result for result in editor_results(request, page) if not result.passed]


def checklist_context(results):
    failed = [result for result in results if not result.passed]
    return {
        "results": results,
        "failed": failed,
        "all_passed": not failed,
        "cutoff": cutoff_explanation(),
    }


def check_url(page, parent_page):
    """Where the editor posts the unsaved form to re-run the checklist."""
    if page.pk:
        return reverse("cchc_checklist_edit", args=[page.pk])
    if parent_page is not None:
        return reverse("cchc_checklist_create", args=[parent_page.pk])
    return ""  # nowhere to check against: the panel shows the rules as rendered


def without_actions(data):
    data = data.copy()
    for key in ACTION_KEYS:
        data.pop(key, None)
    return data


def apply_typed_values(form):
    """The form's page with what the editor typed in the fields the rules read.

    Validating the form copies every valid field onto the page (required fields are deferred,
    as for a draft). A checked field that does not validate still counts as typed: an
    over-long summary is measured as it stands, an unknown topic or image as none chosen.
    """
    form.defer_required_fields()
    form.is_valid()
    page = form.instance
    for name in TEXT_FIELDS:
        if name in form.errors and name in form.fields:
            setattr(page, name, form[name].data or "")
    for name in CHOICE_FIELDS:
        if name in form.errors and name in form.fields:
            setattr(page, name, None)
    return page


def checklist_payload(request, results):
    """What the editor's page needs to redraw the checklist everywhere it shows."""
    context = checklist_context(results)
    return {
        "failed": len(context["failed"]),
        "total": len(results),
        "rules_html": render_to_string(RULES_TEMPLATE, context, request),
        "summary_html": render_to_string(SUMMARY_TEMPLATE, context, request),
        "failing_html": render_to_string(FAILING_TEMPLATE, context, request),
    }
