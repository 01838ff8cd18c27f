"""Settings of the logs and of Sentry, read from the environment (see README, "Logs and errors").

LOG_LEVEL (INFO) and LOG_FORMAT ("plain", or "json": one JSON object a line) apply to the web
processes, the Celery worker and beat; SENTRY_DSN (and SENTRY_ENVIRONMENT, SENTRY_RELEASE,
SENTRY_TRACES_SAMPLE_RATE) turns on the error reports (portal.sentry).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .logging_config import logging_config
from .sentry import init_sentry

try:
    LOGGING = logging_config(os.environ.get("LOG_LEVEL", "INFO"), os.environ.get("LOG_FORMAT"))
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from error

SENTRY_ENABLED = init_sentry(os.environ)
