"""The public views of the subscriptions: thin callers of `actions`.

The form on the bulletin pages (which the page cache shares among all visitors) has no CSRF
token, and these views are csrf_exempt: a forged request could only do what anyone can do
without a browser — ask for a confirmation e-mail (limited per address and per client), or
confirm or unsubscribe with a secret it would need to have. Every response here is
never_cache, so none of them is stored by the page cache (it stores no "no-cache" response).
A confirmation or unsubscribe link opened (GET) changes nothing: mail scanners open links;
the button on that page POSTs. Mail clients POST the one-click unsubscribe (RFC 8058).
The preferences page (the link in each bulletin and on the confirmation page) is the
exception: it is a plain form of its own, never cached, so it carries a CSRF token and its
POST is checked.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import actions, conf, limits, tokens
from .forms import InterestsForm, SubscribeForm

TOO_MANY_REQUESTS = 429


def form_context(form):
    return {
        "form": form,
        "hours": conf.get("SUBSCRIPTIONS_CONFIRMATION_MAX_AGE") // 3600,
        "per_address": conf.get("SUBSCRIPTIONS_CONFIRMATIONS_PER_ADDRESS"),
    }


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "subscriptions/subscribe.html", form_context(form), status=status)
    if not form.is_from_a_robot():
        outcome = actions.subscribe(
            form.cleaned_data["email"],
            limits.client_address(request),
            topics=form.cleaned_data["topics"],
            agencies=form.cleaned_data["agencies"],
        )
        if outcome is actions.Subscribed.CLIENT_LIMITED:
            context = form_context(SubscribeForm()) | {"limited": True}
            return render(
                request, "subscriptions/subscribe.html", context, status=TOO_MANY_REQUESTS
            )
    return redirect("subscriptions:requested")


@never_cache
def requested(request):
    return render(request, "subscriptions/requested.html", form_context(None))


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, confirmation):
    if request.method == "GET":
        return render(request, "subscriptions/confirm.html", {"confirmed": False})
    try:
        subscriber = actions.confirm(confirmation)
    except tokens.InvalidLink:
        context = form_context(SubscribeForm()) | {"invalid_link": True}
        return render(request, "subscriptions/subscribe.html", context, status=400)
    return render(
        request, "subscriptions/confirm.html", {"confirmed": True, "subscriber": subscriber}
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with the button; POST: the button, or the mail client's one-click."""
    if request.method == "GET":
        return render(request, "subscriptions/unsubscribe.html", {"done": False})
    actions.unsubscribe(token)
    return render(request, "subscriptions/unsubscribe.html", {"done": True})


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    """Change the topics and agencies, or unsubscribe, with the subscriber's own link."""
    subscriber = actions.subscriber_of(token)
    if subscriber is None:
        return unknown_link(request)
    if "unsubscribe" in request.POST:
        actions.unsubscribe(token)
        return render(request, "subscriptions/unsubscribe.html", {"done": True})
    initial = {"topics": subscriber.topics.all(), "agencies": subscriber.agencies.all()}
    form = InterestsForm(request.POST or None, initial=initial)
    saved = request.method == "POST" and form.is_valid()
    if saved and actions.change_interests(token, **form.cleaned_data) is None:
        return unknown_link(request)  # unsubscribed meanwhile
    context = {"form": form, "saved": saved, "subscriber": subscriber}
    return render(request, "subscriptions/preferences.html", context)


def unknown_link(request):
    context = form_context(SubscribeForm()) | {"unknown_link": True}
    return render(request, "subscriptions/preferences.html", context, status=404)
