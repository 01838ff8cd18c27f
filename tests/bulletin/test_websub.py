"""Publishing pings the WebSub hub (hub.mode=publish), logged like deliveries."""

from urllib.parse import parse_qsl

import pytest

from bench.drills.receiver import Receiver
from bulletin.assembly import assemble
from bulletin.models import FeedDelivery
from bulletin.weeks import Week

from .conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(settings):
    receiver = Receiver().start()
    settings.WEBSUB_HUB_URL = receiver.url
    yield receiver
    receiver.stop()


def pinged_topics(request):
    pairs = parse_qsl(request.body.decode())
    assert ("hub.mode", "publish") in pairs
    return {value for key, value in pairs if key == "hub.url"}


def test_publishing_an_item_pings_the_hub_with_its_feeds(
    hub, agency_a, publish_item, django_capture_on_commit_callbacks
):
    item = publish_item(local(2026, 11, 23, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        item.save_revision().publish()

    [request] = hub.received
    base = "http://127.0.0.1:8000/feeds/"
    assert pinged_topics(request) == {
        f"{base}tin-bai.atom",
        f"{base}tin-bai.json",
        f"{base}don-vi/{agency_a.code}.atom",
        f"{base}don-vi/{agency_a.code}.json",
        f"{base}chu-de/{item.topic.slug}.atom",
        f"{base}chu-de/{item.topic.slug}.json",
    }
    ping = FeedDelivery.objects.get(channel=FeedDelivery.CHANNEL_WEBSUB)
    assert ping.status == FeedDelivery.SUCCEEDED and ping.attempts.get().http_status == 200


def test_publishing_a_bulletin_pings_the_bulletin_feeds(
    hub, archive, publish_item, django_capture_on_commit_callbacks
):
    publish_item(local(2026, 11, 23, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        assemble(Week(2026, 48))
    topics = set().union(*(pinged_topics(r) for r in hub.received))
    assert "http://127.0.0.1:8000/feeds/ban-tin.atom" in topics


def test_no_hub_no_ping(agency_a, publish_item, settings, django_capture_on_commit_callbacks):
    settings.WEBSUB_HUB_URL = ""
    item = publish_item(local(2026, 11, 23, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        item.save_revision().publish()
    assert not FeedDelivery.objects.filter(channel=FeedDelivery.CHANNEL_WEBSUB).exists()
