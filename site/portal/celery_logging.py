"""Celery's processes log like the web: the settings' LOGGING, and ids that follow a task.

Connecting to `setup_logging` makes the worker and beat leave logging alone (no hijacked root
logger, no format of their own: celery/app/log.py) and use Django's LOGGING, so LOG_FORMAT and
LOG_LEVEL apply to them too; `--loglevel` is then ignored. A task enqueued while serving a
request carries that request's id in a header of its message; its lines show it
(portal.log_context).
"""

import logging.config

from celery.signals import before_task_publish, celeryd_init, setup_logging

from .log_context import TASK_HEADER, current_request_id


@setup_logging.connect(weak=False, dispatch_uid="portal.celery_logging.use_django_logging")
def use_django_logging(**kwargs):
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    logging.captureWarnings(True)


# The worker warns before it sets up logging (running as root, say): celeryd_init comes first.
celeryd_init.connect(
    use_django_logging, weak=False, dispatch_uid="portal.celery_logging.worker_starts"
)


@before_task_publish.connect(weak=False, dispatch_uid="portal.celery_logging.carry_request_id")
def carry_request_id(headers=None, **kwargs):
    request_id = current_request_id()
    if headers is not None and request_id is not None:
        headers.setdefault(TASK_HEADER, request_id)
