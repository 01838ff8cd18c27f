"""Settings → Login lock-outs: the lock-outs in force, each lifted by a superuser's button."""

import ipaddress
import logging

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from .current import ACCOUNT, ADDRESS, current_lockouts, lift
from .handler import address_failure_limit

logger = logging.getLogger("portal.lockouts")
LIFTED = "portal.lockout_lifted"


def require_superuser(request):
    # Only superusers: a lock-out names accounts and addresses of every agency.
    if not request.user.is_superuser:
        raise PermissionDenied


def lockouts_view(request):
    require_superuser(request)
    return TemplateResponse(
        request,
        "portal/lockouts/index.html",
        {
            "lockouts": current_lockouts(),
            "ADDRESS": ADDRESS,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "address_limit": address_failure_limit(),
            "cool_off_minutes": round(get_cool_off().total_seconds() / 60),
        },
    )


@require_POST
def lift_view(request):
    require_superuser(request)
    kind = request.POST.get("kind")
    username = request.POST.get("username") or None
    address = valid_address(request.POST.get("address"))
    if kind not in (ACCOUNT, ADDRESS) or not address or (kind == ACCOUNT and not username):
        return HttpResponseBadRequest()  # never a reset of everybody's failures
    record_lift(request, kind, username, address)
    if lift(kind, username, address):
        logger.warning("Login lock-out of %r from %s lifted by %s", username, address, request.user)
        messages.success(request, _("The lock-out has been lifted."))
    else:
        messages.warning(request, _("This lock-out had already ended."))
    return redirect("portal_lockouts")


def valid_address(value):
    try:
        return str(ipaddress.ip_address(value or ""))
    except ValueError:
        return None


def record_lift(request, kind, username, address):
    """Site history keeps who lifted which lock-out (logged on one of its rows, before they go)."""
    rows = AccessAttempt.objects.filter(ip_address=address)
    if kind == ACCOUNT:
        rows = rows.filter(username=username)
    row = rows.first()
    if row is None:
        return
    if kind == ACCOUNT:
        title = _("%(username)s from %(address)s") % {"username": username, "address": address}
    else:
        title = _("Every account from %(address)s") % {"address": address}
    data = {"username": username, "address": address}
    log(row, LIFTED, user=request.user, title=title, data=data)
