"""/healthz and /readyz, and the middleware that answers them ahead of the rest of the stack.

/healthz (liveness): 200 while the process answers; it touches no database, cache or broker, so
that a restart is never triggered by a dependency's outage. /readyz (readiness): the checks of
PORTAL_READINESS_CHECKS; 200 when all pass, 503 when any fails. Both: JSON with `?format=json`
or `Accept: application/json` (django-health-check's other formats too), never cached.
"""

from asgiref.sync import async_to_sync, iscoroutinefunction
from django.http import JsonResponse
from django.urls import resolve, reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check.views import HealthCheckView

from .checks import readiness_checks


@never_cache
@require_safe
def liveness(request):
    return JsonResponse({"status": "ok"})


class ReadinessView(HealthCheckView):
    def get_checks(self):
        return readiness_checks()

    async def get(self, request, *args, **kwargs):
        # Operators' tools read it, as they read the logs: English, whatever the site's language.
        with translation.override("en"):
            response = await super().get(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # the HTML page, in English too
        if any(result.error for result in self.results) and response.status_code == 500:
            # "Not ready" rather than the library's 500, which reads as the portal crashing.
            response.status_code = 503
            # Each failing check is logged (a warning) by the library; a probe every few
            # seconds must not add an error (and an error report) for the response itself.
            response._has_been_logged = True
        return response

    def render_to_response_json(self, status):
        components = {
            repr(result.check): {
                "healthy": result.error is None,
                "status": result.check.pretty_status()
                if result.error is None
                else str(result.error.message),
            }
            for result in self.results
        }
        healthy = all(component["healthy"] for component in components.values())
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable", "components": components},
            status=status,
        )


readiness = ReadinessView.as_view()


class ProbeMiddleware:
    """Answers /healthz and /readyz before the middleware that would get in a probe's way.

    Placed right after the request id, before SecurityMiddleware (a probe over plain HTTP is
    not redirected to HTTPS), before the page cache, which would read Redis (and wait for it
    when hung) for each probe, and before CommonMiddleware, which refuses a Host outside
    ALLOWED_HOSTS: a probe from the machine itself says 127.0.0.1. Sessions, CSRF and the
    login lock-outs have nothing to do with them either. The views are those of urls.py.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def probe_paths(self):
        if self._paths is None:
            self._paths = {reverse("healthz"), reverse("readyz")}
        return self._paths

    def __call__(self, request):
        if request.path not in self.probe_paths():
            return self.get_response(request)
        match = resolve(request.path_info)
        if iscoroutinefunction(match.func):
            return async_to_sync(match.func)(request, *match.args, **match.kwargs)
        return match.func(request, *match.args, **match.kwargs)
