"""A log line for every failed login and every lock-out: who, from which address, never the
password. Axes' own lines hide both (AXES_SENSITIVE_PARAMETERS); these are the ones to watch."""

import logging

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("portal.lockouts")


def address_of(request):
    if request is None:
        return None
    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request)


@receiver(user_login_failed, dispatch_uid="portal.lockouts.failed")
def log_failed_login(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in credentials; only the user name is read.
    # %r: a user name is typed by the client, and must not start a forged line of its own.
    logger.warning("Failed login for %r from %s", credentials.get("username"), address_of(request))


@receiver(user_locked_out, dispatch_uid="portal.lockouts.locked_out")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    logger.warning("Login of %r from %s locked out after repeated failures", username, ip_address)
