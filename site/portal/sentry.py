"""Errors to Sentry when SENTRY_DSN is set (sentry-sdk is optional: `pip install sentry-sdk`).

Called from the settings (portal.logging_settings), so the web processes, the Celery worker
and beat and the management commands all report. With SENTRY_DSN set and sentry-sdk missing
the portal refuses to start: an operator who asked for error reports must not lose them
silently (like DJANGO_SECRET_KEY).

No personal data is sent: the SDK's default (send_default_pii unset, which 2.75 deprecates
for data_collection, unset too: no cookies, no user, no address; values under names such as
"session", "token" or "password" replaced); tests/portal/test_sentry.py checks it. An event
carries the request id and task id as tags, which find its log lines.
"""

import logging

from django.core.exceptions import ImproperlyConfigured

from .log_context import current_request_id, current_task_id

MISSING = (
    "SENTRY_DSN is set but sentry-sdk is not installed: install it "
    "(pip install 'sentry-sdk>=2', or the project's [sentry] extra) or unset SENTRY_DSN."
)


def tag_ids(event, hint):
    """before_send: the ids of the request or task the event happened in, as tags."""
    tags = event.setdefault("tags", {})
    for name, value in (("request_id", current_request_id()), ("task_id", current_task_id())):
        if value is not None:
            tags.setdefault(name, value)
    return event


def sentry_options(environ):
    """sentry_sdk.init's arguments from the environment (SENTRY_*)."""
    rate = environ.get("SENTRY_TRACES_SAMPLE_RATE", "").strip()
    return {
        "dsn": environ["SENTRY_DSN"].strip(),
        "environment": environ.get("SENTRY_ENVIRONMENT", "").strip() or None,
        "release": environ.get("SENTRY_RELEASE", "").strip() or None,
        "traces_sample_rate": float(rate) if rate else 0.0,
        "before_send": tag_ids,
    }


def init_sentry(environ):
    """Start the Sentry SDK if SENTRY_DSN is set; returns whether it was started."""
    if not environ.get("SENTRY_DSN", "").strip():
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration
        from sentry_sdk.integrations.logging import LoggingIntegration, ignore_logger
    except ImportError as error:
        raise ImproperlyConfigured(MISSING) from error
    sentry_sdk.init(
        integrations=[
            DjangoIntegration(),
            CeleryIntegration(),
            # Lines at INFO and above become breadcrumbs; ERROR and above become events.
            LoggingIntegration(level=logging.INFO, event_level=logging.ERROR),
        ],
        **sentry_options(environ),
    )
    # A request for a host not in ALLOWED_HOSTS is a scanner's, not the portal's error.
    ignore_logger("django.security.DisallowedHost")
    return True
