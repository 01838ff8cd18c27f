"""A schedule that heals: the beat schedule's tasks make up for a missed weekly run."""

import pytest
from django.conf import settings
from django.test import override_settings

from bulletin.models import BulletinMembership, BulletinPage, FeedDelivery
from bulletin.weeks import Week
from cchc_news.models import JobRun
from cchc_news.scheduler import tick

from .conftest import local

pytestmark = pytest.mark.django_db

W47, W48 = Week(2026, 47), Week(2026, 48)
# An ordinary moment of the week after W48's cut-off (Friday 27/11/2026 16:00).
TUESDAY = local(2026, 12, 1, 10, 0)


def run_beat_schedule(now):
    """Call each task of the beat schedule once, as beat would, at `now`."""
    from portal.celery import app

    app.loader.import_default_modules()  # what a worker does on start: autodiscover
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        app.tasks[entry["task"]](*entry.get("args", ()), now=now.isoformat())


def titles(bulletin):
    bulletin.refresh_from_db()
    return sorted(item.title for _topic, entries in bulletin.sections() for item, _note in entries)


def test_a_missed_weekly_run_is_made_up_once_by_the_beat_schedule(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Thứ Hai")
    publish_item(local(2026, 11, 27, 15, 59), "Kịp hạn")
    publish_item(local(2026, 11, 27, 16, 1), "Sau hạn chót")  # next week's

    run_beat_schedule(TUESDAY)

    bulletin = BulletinPage.objects.get()
    assert (bulletin.iso_year, bulletin.iso_week, bulletin.number) == (2026, 48, 1)
    assert bulletin.live
    assert titles(bulletin) == ["Kịp hạn", "Thứ Hai"]
    revisions, deliveries = bulletin.revisions.count(), FeedDelivery.objects.count()
    assert deliveries == 1  # its central delivery (skipped here: no feed configured)

    run_beat_schedule(TUESDAY.replace(minute=1))
    run_beat_schedule(local(2026, 12, 3, 9, 0))

    assert list(BulletinPage.objects.values_list("pk", flat=True)) == [bulletin.pk]
    assert bulletin.revisions.count() == revisions
    assert FeedDelivery.objects.count() == deliveries
    assert BulletinMembership.objects.count() == 2
    assert JobRun.objects.get(name="assembly").last_result == "-"


def test_two_missed_weeks_make_two_bulletins_each_with_its_own_items(archive, publish_item):
    publish_item(local(2026, 11, 18, 9, 0), "Tuần 47")
    publish_item(local(2026, 11, 25, 9, 0), "Tuần 48")

    tick(now=TUESDAY)

    w47, w48 = BulletinPage.objects.order_by("iso_week")
    assert (w47.iso_week, w47.number, titles(w47)) == (47, 1, ["Tuần 47"])
    assert (w48.iso_week, w48.number, titles(w48)) == (48, 2, ["Tuần 48"])
    assert w47.live and w48.live


def test_a_week_whose_cutoff_has_not_passed_is_not_assembled(archive, publish_item):
    publish_item(local(2026, 11, 25, 9, 0), "Trong tuần")

    tick(now=local(2026, 11, 27, 15, 59))
    assert not BulletinPage.objects.exists()

    tick(now=local(2026, 11, 27, 16, 0))  # the tick exactly at the cut-off
    assert BulletinPage.objects.get().iso_week == 48


def test_weeks_without_items_get_no_bulletin(archive):
    tick(now=TUESDAY)
    assert not BulletinPage.objects.exists()
    assert JobRun.objects.get(name="assembly").last_result == "-"


@override_settings(BULLETIN_CATCH_UP_WEEKS=1)
def test_only_the_weeks_within_the_horizon_are_assembled(archive, publish_item):
    publish_item(local(2026, 11, 18, 9, 0), "Tuần 47")
    publish_item(local(2026, 11, 25, 9, 0), "Tuần 48")

    tick(now=TUESDAY)

    bulletin = BulletinPage.objects.get()  # older items go to the oldest week looked at
    assert bulletin.iso_week == 48 and titles(bulletin) == ["Tuần 47", "Tuần 48"]


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_a_draft_bulletin_is_left_for_the_office(archive, publish_item):
    publish_item(local(2026, 11, 25, 9, 0), "Chờ Phòng CCHC")

    tick(now=TUESDAY)
    bulletin = BulletinPage.objects.get()
    revisions = bulletin.revisions.count()
    tick(now=TUESDAY.replace(minute=5))

    bulletin.refresh_from_db()
    assert not bulletin.live and bulletin.revisions.count() == revisions


def test_a_failing_assembly_is_recorded_and_the_other_jobs_still_run(archive, publish_item):
    publish_item(local(2026, 11, 25, 9, 0), "Không có nơi đăng")
    archive.delete()  # assembly cannot work without the archive page

    outcomes = tick(now=TUESDAY)

    assembly = JobRun.objects.get(name="assembly")
    assert "RuntimeError" in assembly.last_error and "setup_cchc" in assembly.last_error
    assert assembly.last_succeeded_at is None
    assert [outcome.name for outcome in outcomes if not outcome.succeeded] == ["assembly"]
    for name in ("deliveries", "reminders", "scheduled_publishing", "tick"):
        assert JobRun.objects.get(name=name).last_succeeded_at is not None, name
