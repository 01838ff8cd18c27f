"""A published bulletin reaches its subscribers through a real Celery worker: the publishing
process queues `subscriptions.send_mailings` after the commit and sends nothing itself."""

import pytest
from django.core import mail
from django.utils import timezone

from bulletin.assembly import assemble
from bulletin.weeks import Week
from subscriptions.models import BulletinMailing, Subscriber
from tests.bulletin.conftest import local

from .conftest import requires_worker_services, wait_for

pytestmark = [
    pytest.mark.integration,
    requires_worker_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def counts():
    mailing = BulletinMailing.objects.with_counts().first()
    return mailing and (mailing.recipient_count, mailing.sent_count, mailing.failed_count)


def test_the_worker_writes_and_sends_the_mailing(celery_worker, section, agency_a):
    from bulletin.models import BulletinIndexPage
    from cchc_news.models import NewsItemPage
    from tests.factories import NewsItemPageFactory

    assert BulletinIndexPage.objects.exists()
    item = NewsItemPageFactory(parent=agency_a.index_page, title="Tin gửi tới người đăng ký")
    NewsItemPage.objects.filter(pk=item.pk).update(first_published_at=local(2026, 11, 23, 9))
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"nguoi{n}@example.gov.vn", status="confirmed", confirmed_at=timezone.now()
        )
        for n in range(20)
    )
    assemble(Week(2026, 48))  # published and committed: the mailing's task goes to the broker
    assert wait_for(lambda: counts() == (20, 20, 0)), counts()
    assert mail.outbox == []  # nothing was sent in this process: the worker did the work
