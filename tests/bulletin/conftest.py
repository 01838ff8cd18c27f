from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bulletin.models import BulletinIndexPage
from cchc_news.models import NewsItemPage
from tests.factories import NewsItemPageFactory, TopicFactory

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args):
    return datetime(*args, tzinfo=HCM)


@pytest.fixture
def receiver(settings):
    """The central e-bulletin: a local HTTP receiver that checks signatures (receiver.py)."""
    from bench.drills.receiver import SECRET, Receiver

    receiver = Receiver().start()
    settings.CENTRAL_FEED_URL, settings.CENTRAL_FEED_SECRET = receiver.url, SECRET
    settings.CENTRAL_FEED_READ_TIMEOUT = 1
    yield receiver
    receiver.stop()


@pytest.fixture
def archive(section):
    return BulletinIndexPage.objects.get()


@pytest.fixture
def publish_item(agency_a):
    """Create a live item first published at `when` (local time)."""

    def publish(when, title=None, topic=None, parent=None):
        item = NewsItemPageFactory(
            parent=(parent or agency_a.index_page),
            title=title or f"Tin ngày {when:%d/%m %H:%M}",
            topic=topic or TopicFactory(),
        )
        NewsItemPage.objects.filter(pk=item.pk).update(
            first_published_at=when, last_published_at=when
        )
        item.refresh_from_db()
        return item

    return publish
