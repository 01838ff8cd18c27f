"""The system checks' messages in tests, under the settings of the moment (override_settings)."""

from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings


def messages_of(app):
    """The messages of `app`'s checks ("bulletin" → bulletin.E003, ...)."""
    return [message for message in run_checks() if (message.id or "").startswith(f"{app}.")]


def ids_of(app, **overrides):
    """The ids of `app`'s check messages with `overrides` in force; each explains itself."""
    with override_settings(**overrides):
        messages = messages_of(app)
    for message in messages:
        assert message.msg and message.hint, message
    return {message.id for message in messages}


def without(*names):
    """override_settings with `names` deleted: the apps fall back to their defaults."""
    override = override_settings()
    override.enable()
    for name in names:
        if hasattr(settings, name):
            delattr(settings, name)
    return override
