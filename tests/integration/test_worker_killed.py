"""A real worker killed with SIGKILL in the middle of an assembly loses nothing.

The test catches the worker half way without any hook in the product: from a connection of
its own it holds a lock on the membership table, which the assembly writes only after it
has created the bulletin's page and its revision (bulletin.membership, in the assembly's
transaction). Once the worker's database session waits on that lock, the worker is killed.
"""

import os
import signal
from datetime import timedelta

import psycopg2
import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Revision

from bulletin.models import BulletinMembership, BulletinPage
from bulletin.weeks import Week
from cchc_news.models import JobRun, NewsItemPage

from .conftest import requires_worker_services, wait_for

pytestmark = [
    pytest.mark.integration,
    requires_worker_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ITEMS = 5


@pytest.fixture
def due_week(section, agency_a):
    """The latest week whose cut-off has passed, with items that wait for its bulletin."""
    from tests.factories import NewsItemPageFactory

    now = timezone.now()
    week = Week.containing(now)
    if week.cutoff() > now:
        week = week.previous()
    items = []
    for hours in range(1, ITEMS + 1):
        item = NewsItemPageFactory(parent=agency_a.index_page, title=f"Tin số {hours}")
        when = week.cutoff() - timedelta(hours=hours)
        NewsItemPage.objects.filter(pk=item.pk).update(
            first_published_at=when, last_published_at=when
        )
        items.append(item.pk)
    return week, sorted(items)


class MembershipLock:
    """LOCK TABLE on the membership index, held by a database session of the test's own."""

    def __init__(self):
        db = connection.settings_dict
        self.connection = psycopg2.connect(
            dbname=db["NAME"],
            user=db["USER"],
            password=db["PASSWORD"],
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
        )
        self.connection.cursor().execute(
            f"LOCK TABLE {BulletinMembership._meta.db_table} IN EXCLUSIVE MODE"
        )

    def release(self):
        if not self.connection.closed:
            self.connection.rollback()
            self.connection.close()


@pytest.fixture
def membership_lock():
    lock = MembershipLock()
    yield lock
    lock.release()


def sessions_waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def session_alive(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


def send_tick():
    """What beat sends every minute: the tick assembles every due week without a bulletin."""
    from cchc_news.tasks import tick

    tick.delay()


def last_tick_started():
    return JobRun.objects.get(name="tick").last_started_at


def tick_finished():
    run = JobRun.objects.get(name="tick")
    return run.last_finished_at is not None and run.last_finished_at >= run.last_started_at


def catch_the_assembly_half_way():
    """Send a tick and wait until its assembly is stuck on the lock; its database session."""
    send_tick()
    assert wait_for(lambda: sessions_waiting_on_a_lock(), timeout=20), "never reached the lock"
    (pid,) = sessions_waiting_on_a_lock()
    return pid


def release_and_wait_for_rollback(lock, pid):
    """The dead worker's session finishes its statement, finds no client and rolls back."""
    assert not BulletinPage.objects.exists()  # nothing of the half-done run is visible
    lock.release()
    assert wait_for(lambda: not session_alive(pid), timeout=10), "the session stayed open"


def assert_one_bulletin_with_each_item_once(week, items):
    assert wait_for(lambda: BulletinPage.objects.filter(live=True).exists(), timeout=20)
    bulletin = BulletinPage.objects.get()
    assert (bulletin.iso_year, bulletin.iso_week) == (week.iso_year, week.iso_week)
    assert bulletin.number == 1
    assert sorted(bulletin.item_ids()) == items  # each once: sorted lists, not sets
    assert sorted(BulletinMembership.objects.values_list("item_id", flat=True)) == items
    assert set(BulletinMembership.objects.values_list("bulletin_id", flat=True)) == {bulletin.pk}


def test_whole_worker_killed_mid_assembly_then_the_next_tick_makes_the_bulletin_once(
    start_worker, due_week, membership_lock
):
    week, items = due_week
    worker = start_worker()
    pid = catch_the_assembly_half_way()

    worker.kill()
    release_and_wait_for_rollback(membership_lock, pid)

    start_worker()
    send_tick()  # the scheduler's next tick
    assert_one_bulletin_with_each_item_once(week, items)

    # And the tick after it changes nothing.
    assert wait_for(tick_finished, timeout=20)
    started, revisions = last_tick_started(), Revision.objects.count()
    send_tick()
    assert wait_for(lambda: last_tick_started() != started and tick_finished(), timeout=20)
    assert Revision.objects.count() == revisions
    assert_one_bulletin_with_each_item_once(week, items)


def test_pool_process_killed_mid_assembly_the_tick_is_redelivered_and_runs_once(
    start_worker, due_week, membership_lock
):
    week, items = due_week
    worker = start_worker(pool="prefork")
    pid = catch_the_assembly_half_way()

    (child,) = worker.pool_processes()
    os.kill(child, signal.SIGKILL)
    release_and_wait_for_rollback(membership_lock, pid)

    # Nothing is sent again: the worker puts the lost tick back (reject_on_worker_lost) and
    # runs it in a new pool process.
    assert_one_bulletin_with_each_item_once(week, items)
    assert worker.process.poll() is None
