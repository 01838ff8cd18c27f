import pytest
from django.core import mail

from bulletin.models import BulletinPage
from bulletin.tasks import assemble_weekly_bulletin
from tests.bulletin.conftest import local

from .conftest import requires_worker_services, wait_for

pytestmark = [
    pytest.mark.integration,
    requires_worker_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def archive(section):
    from bulletin.models import BulletinIndexPage

    return BulletinIndexPage.objects.get()


def test_real_worker_assembles_the_weekly_bulletin(celery_worker, archive, agency_a):
    from cchc_news.models import NewsItemPage
    from tests.factories import NewsItemPageFactory

    item = NewsItemPageFactory(parent=agency_a.index_page, title="Tin gửi qua Celery")
    when = local(2026, 11, 23, 9, 0)
    NewsItemPage.objects.filter(pk=item.pk).update(first_published_at=when)

    assemble_weekly_bulletin.delay("2026-W48")

    assert wait_for(lambda: BulletinPage.objects.filter(live=True).exists()), "no bulletin"
    bulletin = BulletinPage.objects.get()
    assert bulletin.item_ids() == [item.pk]
    assert mail.outbox == []  # nothing was sent in this process: the worker did the work
