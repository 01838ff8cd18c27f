import re

import pytest
from django.utils import timezone

from bulletin.assembly import assemble
from bulletin.weeks import Week
from subscriptions.models import Subscriber
from tests.bulletin.conftest import archive, local, publish_item  # noqa: F401 (fixtures)
from tests.factories import TopicFactory

LINK = re.compile(r"https?://\S+/nhan-ban-tin/(?:xac-nhan|huy)/\S+/")


def links_in(text):
    return LINK.findall(text)


@pytest.fixture
def make_subscribers(db):
    """Create `count` confirmed subscribers (one INSERT); returns their addresses."""

    def make(count, prefix="nguoi-doc"):
        now = timezone.now()
        addresses = [f"{prefix}{n}@example.gov.vn" for n in range(count)]
        Subscriber.objects.bulk_create(
            [
                Subscriber(email=email, status=Subscriber.CONFIRMED, confirmed_at=now)
                for email in addresses
            ]
        )
        return addresses

    return make


@pytest.fixture
def items(archive, publish_item):  # noqa: F811
    return [
        publish_item(
            local(2026, 11, 23, 9, 0),
            "Đồng Nai: một cửa liên thông",
            topic=TopicFactory(name="Kết quả"),
        ),
        publish_item(
            local(2026, 11, 24, 9, 0),
            "Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo",
            topic=TopicFactory(name="Hoạt động"),
        ),
    ]


@pytest.fixture
def issue(items, django_capture_on_commit_callbacks):
    """Assemble and publish week 48/2026's bulletin (its mailing is sent after the commit)."""

    def issue_it():
        with django_capture_on_commit_callbacks(execute=True):
            return assemble(Week(2026, 48)).bulletin

    return issue_it
