"""The portal's logging: one line per event on standard error, plain or JSON.

Web (Django and gunicorn), Celery worker and beat all use this configuration, so LOG_FORMAT
applies to every process (portal.celery, portal.gunicorn_conf). Every line carries the request
id, the user id and the task id where they apply (portal.log_context adds them).
"""

from pythonjsonlogger.core import RESERVED_ATTRS

FORMATS = ("plain", "json")

# A traceback stays as Python prints it in plain lines; JSON keeps it in the one line
# (its exc_info field).
PLAIN = "%(asctime)s %(levelname)s %(name)s%(log_context)s: %(message)s"

# Record attributes that are not fields of a JSON line: the LogRecord's own (RESERVED_ATTRS),
# Python 3.12's taskName (asyncio, not Celery), the HttpRequest that django.request and
# django.server attach (its repr says nothing the request id does not), and the plain prefix.
JSON_SKIPPED = [*RESERVED_ATTRS, "taskName", "request", "log_context"]


def json_formatter():
    return {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": ["levelname", "name", "message"],
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": "time",
        "reserved_attrs": JSON_SKIPPED,
        # Vietnamese stays readable; the stream is UTF-8.
        "json_ensure_ascii": False,
    }


def logging_config(level, fmt="plain"):
    """The LOGGING dict; `fmt` is LOG_FORMAT ("plain", the default, or "json")."""
    fmt = (fmt or "plain").strip().lower()
    if fmt not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {fmt!r}")
    console = {"class": "logging.StreamHandler", "formatter": fmt, "filters": ["context"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "portal.log_context.ContextFilter"}},
        "formatters": {"plain": {"format": PLAIN}, "json": json_formatter()},
        "handlers": {"console": console},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers (a console one when DEBUG is on, runserver's) would write
            # its lines a second time or in another format: they go to ours only.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": level, "propagate": True},
            "django.db.backends": {"level": "WARNING"},
            # Wagtail's in-process search/reference-index tasks log every run at INFO.
            "django_tasks": {"level": "WARNING"},
            # django-axes narrates every login at INFO; its warnings hide user and address, which
            # portal.lockouts logs.
            "axes": {"level": "WARNING"},
            # django-health-check logs each failing check with its traceback on every probe (every
            # few seconds during an outage); /readyz and the dashboard give the reason. Its own
            # unexpected errors are still logged.
            "health_check": {"level": "ERROR"},
            # gunicorn's own logs (portal.gunicorn_conf) through the same handler: one format.
            "gunicorn.error": {"level": level, "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
