"""The lock-out as the user sees it: Wagtail's login page with the reason, in their language.

Axes' middleware calls lockout_response (AXES_LOCKOUT_CALLABLE) with the login view's own
answer, already rendered: its form is still in the context, so the page is drawn again with the
lock-out in place of Django's "wrong password" error, and a 429 status.
"""

from axes.helpers import get_cool_off
from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def lockout_message(request):
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    return ngettext(
        "Signing in is locked for %(minutes)s minute after too many failed attempts. Try again "
        "later, or ask the portal's administrator to lift the lock-out.",
        "Signing in is locked for %(minutes)s minutes after too many failed attempts. Try again "
        "later, or ask the portal's administrator to lift the lock-out.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    message = lockout_message(request)
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    template = getattr(original_response, "template_name", None)
    if form is None or template is None:
        # Not Wagtail's login form (a login by another view): the message alone.
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    form.errors[NON_FIELD_ERRORS] = form.error_class([message], error_class="nonfield")
    return render(request, template, context, status=429)
