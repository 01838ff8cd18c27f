"""Dashboard panels for the CCHC office: the weekly cycle's health, a failed delivery."""

from wagtail.admin.ui.components import Component

from .health import cycle_health
from .models import FeedDelivery


class FailedDeliveryPanel(Component):
    name = "failed_delivery"
    order = 10
    template_name = "bulletin/admin/failed_delivery_panel.html"

    def __init__(self, delivery):
        self.delivery = delivery

    def get_context_data(self, parent_context):
        return {"delivery": self.delivery}


def failed_delivery_panel():
    last = (
        FeedDelivery.objects.filter(channel=FeedDelivery.CHANNEL_CENTRAL)
        .exclude(status=FeedDelivery.SKIPPED)
        .select_related("bulletin")
        .first()
    )
    failing = last is not None and (
        last.status == FeedDelivery.FAILED
        or (last.status == FeedDelivery.PENDING and last.attempt_count > 0)
    )
    return FailedDeliveryPanel(last) if failing else None


class CycleHealthPanel(Component):
    """The weekly cycle at a glance: one calm line, or what needs the office's attention."""

    name = "cycle_health"
    order = 5  # above every other panel: a missed week matters more than anything listed
    template_name = "bulletin/admin/cycle_health_panel.html"

    def __init__(self, health):
        self.health = health

    def get_context_data(self, parent_context):
        return {"cycle_health": self.health}


def cycle_health_panel():
    return CycleHealthPanel(cycle_health())
