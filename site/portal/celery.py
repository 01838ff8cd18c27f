"""The Celery application of the portal (worker: `celery -A portal worker`)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The worker and beat log through the settings' LOGGING (LOG_FORMAT applies to them too).
from . import celery_logging  # noqa: E402, F401
