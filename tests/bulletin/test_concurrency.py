"""Two workers assembling the same week at the same moment (PostgreSQL: real row locks)."""

import pytest
from django.db import connection

from bulletin.assembly import assemble
from bulletin.models import BulletinMembership, BulletinPage
from bulletin.weeks import Week
from tests.helpers import at_once

from .conftest import local

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks; CI runs the suite on PostgreSQL",
    ),
]


def test_two_workers_at_once_make_one_bulletin_with_each_item_once(archive, publish_item):
    items = [publish_item(local(2026, 11, 23, 9, n)) for n in range(20)]
    results, errors = at_once(lambda: assemble(Week(2026, 48)))

    assert errors == []
    assert len(results) == 2
    assert sorted(r.created for r in results) == [False, True]
    assert BulletinPage.objects.count() == 1
    bulletin = BulletinPage.objects.get()
    assert sorted(BulletinMembership.objects.values_list("item_id", flat=True)) == sorted(
        item.pk for item in items
    )
    assert sorted(bulletin.item_ids()) == sorted(item.pk for item in items)


def test_two_dispatchers_never_send_the_same_delivery_twice(settings):
    from django.utils import timezone

    from bench.drills.receiver import SECRET, Receiver
    from bulletin import delivery
    from bulletin.models import FeedDelivery

    receiver = Receiver(script=["timeout"], sleep=1.0).start()  # slow: holds the row lock
    settings.CENTRAL_FEED_URL, settings.CENTRAL_FEED_SECRET = receiver.url, SECRET
    settings.CENTRAL_FEED_READ_TIMEOUT = 5
    FeedDelivery.objects.create(
        channel=FeedDelivery.CHANNEL_CENTRAL,
        backend="webhook",
        webhook_id="msg_concurrent",
        target=receiver.url,
        payload={"type": "bulletin.published", "data": {}},
        next_attempt_at=timezone.now(),
    )
    tried, errors = at_once(delivery.dispatch_due, timeout=60)
    receiver.stop()

    assert errors == []
    assert sorted(tried) == [0, 1]
    assert len(receiver.received) == 1
    assert FeedDelivery.objects.get().status == FeedDelivery.SUCCEEDED
