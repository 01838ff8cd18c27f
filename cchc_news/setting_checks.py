"""What the apps' system checks share (cchc_news, workflows, bulletin, participation).

Each app numbers its messages alike: <app>.E001 a setting of the wrong type, <app>.E002 a number
out of range, <app>.E010 a required app missing from INSTALLED_APPS; the other numbers are each
app's own (README, "Settings"). Messages are for developers and operators, in English as
Django's own are, and each hint says what to set.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

WRONG_TYPE, OUT_OF_RANGE, MISSING_APP = "E001", "E002", "E010"


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_http_url(value):
    """An absolute http:// or https:// URL with a host."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def not_http_url(name, value, hint, id):
    """The error `id` when `value`, the setting `name`, is no absolute http(s) URL."""
    if is_http_url(value):
        return []
    message = f"{name} must be an absolute http(s) URL, not {value!r}."
    return [checks.Error(message, hint=hint, id=id)]


@dataclass(frozen=True)
class Expect:
    """What a setting holds: `what` completes "NAME must be …"; `minimum` bounds a number
    (from below, or strictly above it with `strict`)."""

    what: str
    accepts: Callable[[object], bool]
    minimum: float | None = None
    strict: bool = False

    def in_range(self, value):
        if self.minimum is None:
            return True
        return value > self.minimum if self.strict else value >= self.minimum

    def range_text(self):
        return f"{'greater than' if self.strict else 'at least'} {self.minimum}"


def whole_number(minimum):
    return Expect("a whole number", is_int, minimum)


def positive_number():
    return Expect("a number", is_number, 0, strict=True)


BOOLEAN = Expect("True or False", lambda value: isinstance(value, bool))
TEXT = Expect("a string", lambda value: isinstance(value, str))


def check_values(app, expected, defaults, hidden=()):
    """E001/E002 for each setting of `expected` ({name: Expect}) whose value does not fit;
    the value of a name in `hidden` (a secret) is never shown."""
    messages = []
    for name, expect in expected.items():
        value, default = getattr(settings, name, defaults[name]), defaults[name]
        shown = "a value of another type" if name in hidden else repr(value)
        if not expect.accepts(value):
            messages.append(
                checks.Error(
                    f"{name} must be {expect.what}, not {shown}.",
                    hint=f"Set {name} to {expect.what}, or leave it out for the default "
                    f"({'empty' if name in hidden else repr(default)}).",
                    id=f"{app}.{WRONG_TYPE}",
                )
            )
        elif not expect.in_range(value):
            messages.append(
                checks.Error(
                    f"{name} must be {expect.range_text()}, not {value!r}.",
                    hint=f"Set {name} to a number {expect.range_text()} (the default is "
                    f"{default!r}).",
                    id=f"{app}.{OUT_OF_RANGE}",
                )
            )
    return messages


def missing_apps(app, required):
    """E010 for each app of `required` that INSTALLED_APPS lacks."""
    return [
        checks.Error(
            f"{app} needs {name!r} in INSTALLED_APPS.",
            hint=f"Add {name!r} to INSTALLED_APPS.",
            id=f"{app}.{MISSING_APP}",
        )
        for name in required
        if not apps.is_installed(name)
    ]


def dotted(cls):
    """The dotted path of `cls`, for a hint (right wherever the class moves)."""
    return f"{cls.__module__}.{cls.__qualname__}"


def middleware_positions(cls):
    """Indexes in MIDDLEWARE of `cls` or a subclass of it (entries that do not import are
    Django's concern)."""
    positions = []
    for index, path in enumerate(getattr(settings, "MIDDLEWARE", None) or []):
        try:
            loaded = import_string(path)
        except ImportError:
            continue
        if isinstance(loaded, type) and issubclass(loaded, cls):
            positions.append(index)
    return positions
