"""Views that log, for tests/portal/test_logging.py."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

logger = logging.getLogger("tests.portal.logging_urls")


def log_line(request):
    """Logs one line; names the user first if asked (?user=1). Says what the log call cost."""
    if request.GET.get("user"):
        request.user.pk  # noqa: B018 (loads the user, as any view that checks permissions does)
    with CaptureQueriesContext(connection) as queries:
        logger.info("một dòng nhật ký")
    return JsonResponse({"queries": len(queries)})


def fail(request):
    request.user.pk  # noqa: B018 (a logged-in user, whose e-mail must not reach Sentry)
    raise RuntimeError("the view failed")


# The portal's own too: its middleware reverses some of them.
urlpatterns = [path("log/", log_line), path("fail/", fail), *portal_urlpatterns]
