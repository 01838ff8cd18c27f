"""An admin write is all or nothing: a publication that fails half way changes nothing."""

import pytest
from wagtail.signals import page_published

from bulletin.assembly import assemble
from bulletin.models import BulletinMembership, BulletinPage, FeedDelivery
from bulletin.weeks import Week

from .conftest import local
from .editing import holding_entries, open_correction, post_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(publish_item):
    return [
        publish_item(local(2026, 11, 23, 9, 0), "Tin đã vào bản tin"),
        publish_item(local(2026, 11, 28, 9, 0), "Tin bổ sung khi đính chính"),
    ]


@pytest.fixture
def issued(archive, items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return assemble(Week(2026, 48), now=local(2026, 11, 30, 9, 0)).bulletin


@pytest.fixture
def failing_receiver():
    """A page_published receiver that fails after Wagtail has saved the page live."""

    def fail(sender, instance, **kwargs):
        raise RuntimeError("lost the database connection half way")

    page_published.connect(fail, sender=BulletinPage, dispatch_uid="test.fail")
    yield
    page_published.disconnect(sender=BulletinPage, dispatch_uid="test.fail")


def test_a_correction_whose_publication_fails_half_way_changes_nothing(
    client, office_user, issued, items, failing_receiver
):
    correction = open_correction(issued, office_user)
    before = BulletinPage.objects.get(pk=issued.pk)
    revisions, deliveries = issued.revisions.count(), FeedDelivery.objects.count()
    client.force_login(office_user)
    client.raise_request_exception = False

    response = post_editor(client, issued, items, action="action-publish")

    assert response.status_code == 500
    after = BulletinPage.objects.get(pk=issued.pk)
    assert after.live_revision_id == before.live_revision_id
    assert after.item_ids() == [items[0].pk]
    assert issued.revisions.count() == revisions
    assert holding_entries(issued) == [items[0].pk]
    assert list(BulletinMembership.objects.values_list("item_id", flat=True)) == [items[0].pk]
    correction.refresh_from_db()
    assert correction.published_at is None
    assert FeedDelivery.objects.count() == deliveries


@pytest.mark.parametrize(
    "method, path, wrapped",
    [
        ("get", "/admin/pages/", False),
        ("post", "/admin/pages/", True),
        ("post", "/tim-kiem/", False),
    ],
)
def test_only_writes_to_the_admin_take_a_transaction(rf, method, path, wrapped):
    """On SQLite each transaction takes the write lock: reading the admin must not."""
    from django.db import connection
    from django.http import HttpResponse

    from cchc_news.admin.transactions import AtomicAdminWritesMiddleware

    outer = len(connection.savepoint_ids)
    depth = []

    def view(request):
        depth.append(len(connection.savepoint_ids) - outer)
        return HttpResponse()

    AtomicAdminWritesMiddleware(view)(getattr(rf, method)(path))
    assert depth == [1 if wrapped else 0]
