"""The dashboard's "System status" panel: the readiness checks of /readyz, for the CCHC office.

The checks run when the dashboard is built, with their short timeouts (PORTAL_HEALTH_TIMEOUT),
all at once: a hung Redis slows the office's dashboard by about one timeout. A failing
component puts the panel near the top; when all is well it waits below the lists.
"""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component

from .checks import run_checks

ORDER_FAILING = 12  # after the weekly cycle's alerts (bulletin.panels: 5, 10), before the lists
ORDER_HEALTHY = 90  # after the office's lists, before Wagtail's own panels (100 and more)


@dataclass(frozen=True)
class ComponentStatus:
    name: str
    label: str
    healthy: bool
    detail: str  # the reason of a failure, or a note ("not used: ...")


def component_statuses(results):
    return [
        ComponentStatus(
            name=repr(result.check),
            label=str(result.check.label),
            healthy=result.error is None,
            detail=str(result.error.message) if result.error else str(result.check.note),
        )
        for result in results
    ]


class SystemStatusPanel(Component):
    name = "system_status"
    template_name = "portal/admin/system_status_panel.html"

    def __init__(self, statuses):
        self.statuses = statuses
        self.healthy = all(status.healthy for status in statuses)
        self.order = ORDER_HEALTHY if self.healthy else ORDER_FAILING

    def get_context_data(self, parent_context):
        return {"statuses": self.statuses, "healthy": self.healthy}


def system_status_panel():
    return SystemStatusPanel(component_statuses(run_checks()))
