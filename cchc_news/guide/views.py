"""The guide's pages: the one for the reader's role at /admin/huong-dan/, any role's by slug."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language

from .roles import ROLES, role_of


def guide_url(role):
    return reverse("cchc_guide", args=[role])


def own_guide_view(request):
    return redirect(guide_url(role_of(request.user)))


def guide_view(request, role):
    if role not in ROLES:
        raise Http404
    # The language's own text when there is one; Vietnamese, the site's language, otherwise.
    # The screenshots are the Vietnamese screens whatever the language.
    templates = [f"cchc_news/guide/{get_language()}/{role}.html", f"cchc_news/guide/vi/{role}.html"]
    context = {
        "role": role,
        "roles": [(slug, label, guide_url(slug)) for slug, label in ROLES.items()],
        "own_role": role_of(request.user),
    }
    return TemplateResponse(request, templates, context)


urlpatterns = [
    path("huong-dan/", own_guide_view, name="cchc_guide_own"),
    path("huong-dan/<slug:role>/", guide_view, name="cchc_guide"),
]
