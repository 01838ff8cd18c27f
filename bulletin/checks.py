"""System checks of the bulletin's settings (the central e-bulletin, WebSub, assembly).

Registered when the app is ready (BulletinConfig.ready); ids in the README ("Settings").
"""

import base64
import binascii

from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.module_loading import import_string

from cchc_news.setting_checks import (
    BOOLEAN,
    TEXT,
    Expect,
    check_values,
    is_number,
    missing_apps,
    not_http_url,
    positive_number,
    whole_number,
)

from . import conf
from .cutoff import next_cutoff
from .signing import SECRET_PREFIX

SECONDS = Expect(
    "a non-empty list of positive numbers of seconds",
    lambda value: (
        isinstance(value, list | tuple)
        and bool(value)
        and all(is_number(seconds) and seconds > 0 for seconds in value)
    ),
)
EXPECTED = {
    "BULLETIN_AUTO_PUBLISH": BOOLEAN,
    "BULLETIN_CATCH_UP_WEEKS": whole_number(1),
    "CENTRAL_FEED_BACKEND": TEXT,
    "CENTRAL_FEED_URL": TEXT,
    "CENTRAL_FEED_SECRET": TEXT,
    "CENTRAL_FEED_EMAIL": TEXT,
    "CENTRAL_FEED_MAX_ATTEMPTS": whole_number(1),
    "CENTRAL_FEED_RETRY_SCHEDULE": SECONDS,
    "CENTRAL_FEED_CONNECT_TIMEOUT": positive_number(),
    "CENTRAL_FEED_READ_TIMEOUT": positive_number(),
    "BULLETIN_SCHEDULE": TEXT,
}
REQUIRED_APPS = ("cchc_news", "wagtail.contrib.routable_page")


def value_of(name):
    """The setting, or None when it is not a string (E001 says so)."""
    value = conf.get(name)
    return value if isinstance(value, str) else None


@checks.register()
def check_settings(app_configs=None, **kwargs):
    return check_values("bulletin", EXPECTED, conf.DEFAULTS, hidden={"CENTRAL_FEED_SECRET"})


@checks.register()
def check_required_apps(app_configs=None, **kwargs):
    return missing_apps("bulletin", REQUIRED_APPS)


@checks.register()
def check_urls(app_configs=None, **kwargs):
    """E003: the central feed is reached over http(s)."""
    hint = (
        "Set CENTRAL_FEED_URL to an address such as 'https://example.gov.vn/hook', or "
        "leave it empty (not configured)."
    )
    url = value_of("CENTRAL_FEED_URL")
    if not url:
        return []  # not configured, or E001
    return not_http_url("CENTRAL_FEED_URL", url, hint, "bulletin.E003")


def is_webhook_secret(secret):
    """whsec_ followed by a non-empty base64 key (Standard Webhooks)."""
    if not secret.startswith(SECRET_PREFIX):
        return False
    try:
        return bool(base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True))
    except (binascii.Error, ValueError):
        return False


@checks.register()
def check_secret(app_configs=None, **kwargs):
    """E004: deliveries could not be signed (the value is never shown)."""
    secret = value_of("CENTRAL_FEED_SECRET")
    if not secret or is_webhook_secret(secret):
        return []
    return [
        checks.Error(
            "CENTRAL_FEED_SECRET is not a Standard Webhooks secret: deliveries cannot be signed.",
            hint="Set CENTRAL_FEED_SECRET to 'whsec_' followed by the base64 key the central "
            "e-bulletin gave you.",
            id="bulletin.E004",
        )
    ]


@checks.register()
def check_backend(app_configs=None, **kwargs):
    """E005: an unknown backend; E006: a bad address; W001/W002: delivery not configured."""
    from .backends import BACKENDS

    name = value_of("CENTRAL_FEED_BACKEND")
    if name is None:
        return []  # E001
    if name not in BACKENDS:
        try:
            import_string(name)
        except ImportError:
            return [
                checks.Error(
                    f"CENTRAL_FEED_BACKEND {name!r} is neither 'webhook', 'email' nor the "
                    "dotted path of a backend class.",
                    hint="Set CENTRAL_FEED_BACKEND to 'webhook' (the default) or 'email'.",
                    id="bulletin.E005",
                )
            ]
    return check_email_address() + check_configured(name)


def check_email_address():
    address = value_of("CENTRAL_FEED_EMAIL")
    try:
        if address:
            validate_email(address)
    except ValidationError:
        return [
            checks.Error(
                f"CENTRAL_FEED_EMAIL {address!r} is not an e-mail address.",
                hint="Set CENTRAL_FEED_EMAIL to the central e-bulletin's address.",
                id="bulletin.E006",
            )
        ]
    return []


def check_configured(backend):
    """Half a configuration is a mistake (none at all means: no delivery, recorded as such)."""
    url, secret = value_of("CENTRAL_FEED_URL"), value_of("CENTRAL_FEED_SECRET")
    if backend == "webhook" and bool(url) != bool(secret):
        missing = "CENTRAL_FEED_SECRET" if url else "CENTRAL_FEED_URL"
        return [
            checks.Warning(
                f"{missing} is empty: every delivery to the central e-bulletin will be "
                "recorded as skipped.",
                hint="Set both CENTRAL_FEED_URL and CENTRAL_FEED_SECRET, or neither.",
                id="bulletin.W001",
            )
        ]
    if backend == "email" and not value_of("CENTRAL_FEED_EMAIL"):
        return [
            checks.Warning(
                "CENTRAL_FEED_BACKEND is 'email' but CENTRAL_FEED_EMAIL is empty: every "
                "delivery will be recorded as skipped.",
                hint="Set CENTRAL_FEED_EMAIL to the central e-bulletin's address.",
                id="bulletin.W002",
            )
        ]
    return []


@checks.register()
def check_schedule(app_configs=None, **kwargs):
    """E007: BULLETIN_SCHEDULE is no crontab; E008: it does not fire within a year."""
    expression = conf.get("BULLETIN_SCHEDULE")
    if not isinstance(expression, str):
        return []  # E001
    hint = (
        'Set BULLETIN_SCHEDULE to five crontab fields in TIME_ZONE, "minute hour day-of-month '
        'month day-of-week": "0 16 * * 5" is Friday 16:00.'
    )
    try:
        schedule = conf.parse_crontab(expression)
    except ValueError as error:
        message = f"BULLETIN_SCHEDULE is not a valid crontab: {str(error).rstrip('.')}."
        return [checks.Error(message, hint=hint, id="bulletin.E007")]
    try:
        next_cutoff(schedule=schedule)
    except ValueError:
        message = (
            f"BULLETIN_SCHEDULE {expression!r} does not fire within a year: weeks would go "
            "without a cut-off."
        )
        return [checks.Error(message, hint=hint, id="bulletin.E008")]
    return []
