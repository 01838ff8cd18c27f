"""Who and what a log line is about: the request id, the user id and the Celery task id.

The request being served is kept in a context variable by portal.request_id's middleware;
the task being run is Celery's own current task (what Celery's TaskFormatter reads), so
nothing is left behind between requests or tasks. A task enqueued while serving a request
carries the request's id in its message (portal.celery_logging), and its lines show it.

Nothing here may query the database: a log call can happen anywhere, even while a query is
being logged. The user is named only if something already loaded it.
"""

import contextvars
import logging

from celery._state import get_current_task
from django.utils.functional import empty

# The header a task message carries the enqueuing request's id in.
TASK_HEADER = "portal_request_id"

_request = contextvars.ContextVar("portal_request", default=None)


def bind_request(request):
    """Make `request` the current one; returns the token for `unbind_request`."""
    return _request.set(request)


def unbind_request(token):
    _request.reset(token)


def current_request_id():
    request = _request.get()
    if request is not None:
        return getattr(request, "request_id", None)
    task = get_current_task()
    if task is None:
        return None
    # A worker makes the message's headers attributes of the request; apply() keeps them apart.
    return getattr(task.request, TASK_HEADER, None) or (task.request.headers or {}).get(TASK_HEADER)


def current_user_id():
    user = getattr(_request.get(), "user", None)
    # AuthenticationMiddleware's SimpleLazyObject: loading it here would cost a session and a
    # user query, from inside a log call.
    user = getattr(user, "_wrapped", user)
    if user is None or user is empty:
        return None
    return user.pk if user.is_authenticated else None


def current_task_id():
    task = get_current_task()
    return task.request.id if task is not None else None


def gunicorn_access_fields(record):
    """The fields of a gunicorn access line (its atoms, in record.args) worth a JSON field."""
    atoms = record.args
    return {
        "request_id": atoms.get("{x-request-id}o", "-"),
        "http": {
            "method": atoms.get("m"),
            "path": atoms.get("U"),
            "status": atoms.get("s"),
            "bytes": atoms.get("B"),
            "duration_ms": atoms.get("M"),
        },
    }


class ContextFilter(logging.Filter):
    """Adds request_id, user_id and task_id to every record (None where they do not apply)."""

    def filter(self, record):
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            # Written by gunicorn after Django has answered: the id is the response's header.
            fields = gunicorn_access_fields(record)
            fields["request_id"] = None if fields["request_id"] == "-" else fields["request_id"]
        else:
            fields = {"request_id": current_request_id(), "user_id": current_user_id()}
        fields.setdefault("user_id", None)
        fields["task_id"] = current_task_id()
        for name, value in fields.items():
            if not hasattr(record, name):  # what the caller passed in `extra` wins
                setattr(record, name, value)
        record.log_context = plain_context(record)
        return True


def plain_context(record):
    """' [request=… user=… task=…]' with what applies, for the plain format; '' if nothing."""
    parts = [
        f"{label}={value}"
        for label, value in (
            ("request", record.request_id),
            ("user", record.user_id),
            ("task", record.task_id),
        )
        if value is not None
    ]
    return f" [{' '.join(parts)}]" if parts else ""
