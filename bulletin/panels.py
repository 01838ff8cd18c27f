"""Dashboard warning when the last delivery to the central e-bulletin failed."""

from wagtail.admin.ui.components import Component

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
