"""The scheduler's tick: scheduled publishing, each job recorded, a failing job isolated."""

import os
import signal
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState

from cchc_news.conf import parse_crontab
from cchc_news.models import JobRun, NewsItemPage
from cchc_news.scheduler import scheduled_job, tick
from cchc_news.signals import scheduler_tick
from tests.factories import NewsItemPageFactory, TopicFactory
from tests.helpers import at_once

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# The installed apps' jobs (subscriptions adds its mailings, the deletion of unconfirmed
# addresses and that of its old sent e-mails; mail in, the reading of the office's mailbox).
JOBS = {
    "mail_in",
    "tick",
    "scheduled_publishing",
    "assembly",
    "deliveries",
    "reminders",
    "outbox",
    "bulletin_mailings",
    "subscriber_retention",
    "sent_email_retention",
}


def scheduled_item(agency, title="Tin hẹn giờ", go_live_at=None):
    """An item the office scheduled to go live at a time that has now passed.

    Scheduled the way the editor does it (a go-live time in the future, then publish), then
    moved into the past as the clock would have moved: no sleeping.
    """
    item = NewsItemPageFactory(parent=agency.index_page, title=title, live=False)
    item.go_live_at = timezone.now() + timedelta(hours=1)
    revision = item.save_revision()
    revision.publish()
    item.refresh_from_db()
    assert not item.live and revision.approved_go_live_at is not None
    past = go_live_at or timezone.now() - timedelta(minutes=5)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    NewsItemPage.objects.filter(pk=item.pk).update(go_live_at=past)
    return item


@pytest.mark.django_db
def test_an_item_scheduled_in_the_past_goes_live_by_the_tick_once(agency_a):
    item = scheduled_item(agency_a)

    tick()
    tick()

    item.refresh_from_db()
    assert item.live and item.first_published_at is not None
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    publications = PageLogEntry.objects.filter(page=item, action="wagtail.publish.scheduled")
    assert publications.count() == 1
    run = JobRun.objects.get(name="scheduled_publishing")
    assert run.last_error == "" and run.last_succeeded_at is not None


@pytest.mark.django_db
def test_an_item_past_its_expiry_is_unpublished_by_the_tick(agency_a):
    item = NewsItemPageFactory(parent=agency_a.index_page, title="Hết hạn")
    NewsItemPage.objects.filter(pk=item.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    tick()
    tick()

    item.refresh_from_db()
    assert not item.live and item.expired
    unpublications = PageLogEntry.objects.filter(page=item, action="wagtail.unpublish.scheduled")
    assert unpublications.count() == 1


@pytest.mark.django_db
def test_the_tick_records_itself_and_each_job(section):
    now = datetime(2026, 12, 1, 10, 0, tzinfo=HCM)

    outcomes = tick(now=now)

    assert {outcome.name for outcome in outcomes} == JOBS - {"tick"}
    assert all(outcome.succeeded for outcome in outcomes)
    runs = {run.name: run for run in JobRun.objects.all()}
    assert set(runs) == JOBS
    for run in runs.values():  # the tick's clock: its `now`, moving on as the jobs run
        assert now <= run.last_started_at <= run.last_finished_at < now + timedelta(minutes=1)
        assert run.last_succeeded_at == run.last_finished_at and run.last_error == ""
    jobs = [runs[name] for name in ("scheduled_publishing", "assembly", "deliveries")]
    assert [job.last_started_at for job in jobs] == sorted(job.last_started_at for job in jobs)
    assert runs["tick"].last_finished_at >= runs["reminders"].last_finished_at
    assert "reminders: 0" in runs["tick"].last_result


@scheduled_job("broken_job")
def broken_job(now):
    raise ZeroDivisionError("a job with a bug")


@pytest.fixture
def broken_receiver():
    # After the apps' jobs; tests/bulletin/test_catch_up.py has a failing job before others.
    scheduler_tick.connect(broken_job, dispatch_uid="tests.broken_job")
    yield
    scheduler_tick.disconnect(dispatch_uid="tests.broken_job")


@pytest.mark.django_db
def test_a_failing_job_is_recorded_with_its_traceback_and_does_not_stop_the_others(
    broken_receiver, agency_a, caplog
):
    item = scheduled_item(agency_a)

    outcomes = tick()

    broken = JobRun.objects.get(name="broken_job")
    assert "Traceback" in broken.last_error and "ZeroDivisionError: a job with a bug" in (
        broken.last_error
    )
    assert broken.last_succeeded_at is None and broken.last_finished_at is not None
    assert "Scheduled job broken_job failed" in caplog.text
    assert [o.name for o in outcomes if not o.succeeded] == ["broken_job"]
    for name in JOBS:  # every other job ran and succeeded
        run = JobRun.objects.get(name=name)
        assert run.last_error == "" and run.last_succeeded_at is not None, name
    assert "FAILED broken_job" in JobRun.objects.get(name="tick").last_result
    item.refresh_from_db()
    assert item.live


@pytest.mark.django_db
def test_run_scheduler_once_runs_one_tick(agency_a, capsys):
    item = scheduled_item(agency_a)

    call_command("run_scheduler", "--once")

    item.refresh_from_db()
    assert item.live
    # Every job, and the scheduler's heartbeat (cchc_news.heartbeat).
    assert set(JobRun.objects.values_list("name", flat=True)) == JOBS | {"beat"}
    assert "tick: scheduled_publishing: 1 published" in capsys.readouterr().out


# The Celery side.


def test_the_beat_schedule_runs_only_the_tick_every_interval_and_at_the_cutoff():
    from portal.celery import app

    beat = app.conf.beat_schedule  # what `celery -A portal beat` reads
    assert beat == settings.CELERY_BEAT_SCHEDULE
    assert {entry["task"] for entry in beat.values()} == {"cchc_news.tick"}
    schedules = [entry["schedule"] for entry in beat.values()]
    assert float(settings.CCHC_TICK_SECONDS) in schedules
    assert parse_crontab(settings.BULLETIN_SCHEDULE) in schedules
    for entry in beat.values():
        assert entry["options"]["expires"] == settings.CCHC_TICK_SECONDS


def test_the_tick_task_is_redelivered_when_its_worker_dies_and_expires_when_stale():
    from portal.celery import app

    app.loader.import_default_modules()  # what a worker does on start: autodiscover
    task = app.tasks["cchc_news.tick"]
    assert task.acks_late and task.reject_on_worker_lost
    assert task.expires == settings.CCHC_TICK_SECONDS
    assert app.conf.task_reject_on_worker_lost and app.conf.task_acks_late
    # The operators' tasks are still registered.
    for name in (
        "bulletin.assemble_weekly_bulletin",
        "bulletin.dispatch_due_deliveries",
        "workflows.send_review_reminders",
    ):
        assert name in app.tasks


def test_sqlite_writers_wait_for_each_other_instead_of_failing():
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3"):
        pytest.skip("SQLite only")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5


# Two ticks at once (PostgreSQL: real row locks; SQLite runs one writer at a time anyway).


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks; CI runs the suite on PostgreSQL",
)
def test_two_ticks_at_once_do_each_thing_once(agency_a, editor_a, head_a):
    from bulletin.models import BulletinMembership, BulletinPage
    from tests.bulletin.conftest import local
    from tests.workflows.builders import draft_item, start_review
    from tests.workflows.helpers import current_task_state

    now = local(2026, 12, 2, 9, 0)  # a Wednesday morning
    scheduled = [
        scheduled_item(agency_a, f"Tin hẹn giờ {n}", now - timedelta(minutes=n + 1))
        for n in range(5)
    ]
    for n in range(5):  # a missed week's items
        item = NewsItemPageFactory(parent=agency_a.index_page, title=f"Tuần 48 số {n}")
        when = local(2026, 11, 25, 9, n)
        NewsItemPage.objects.filter(pk=item.pk).update(first_published_at=when)
    waiting = draft_item(agency_a, editor_a, title="Chờ duyệt đã lâu", topic=TopicFactory())
    start_review(waiting, editor_a)
    TaskState.objects.filter(pk=current_task_state(waiting).pk).update(
        started_at=local(2026, 11, 20, 9, 0)
    )
    mail.outbox.clear()
    _outcomes, errors = at_once(lambda: tick(now=now))

    assert errors == []
    for item in scheduled:
        item.refresh_from_db()
        assert item.live
        log = PageLogEntry.objects.filter(page=item, action="wagtail.publish.scheduled")
        assert log.count() == 1, item.title
    bulletin = BulletinPage.objects.get()
    assert BulletinMembership.objects.filter(bulletin=bulletin).count() == 5
    assert [message.to for message in mail.outbox] == [[head_a.email]]
    assert set(JobRun.objects.values_list("name", flat=True)) == JOBS
    assert not JobRun.objects.exclude(last_error="").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_scheduler_ticks_until_sigterm_then_stops_after_its_tick(section, capsys):
    # As honcho (make run) or a service manager stops it: SIGTERM, no Ctrl-C.
    stopper = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM))
    previous = signal.getsignal(signal.SIGTERM)
    stopper.start()
    try:
        call_command("run_scheduler", "--interval", "0.2")
    finally:
        stopper.cancel()

    out = capsys.readouterr().out
    assert out.startswith("Scheduler: a tick every 0.2 s and at each cut-off")
    assert out.count(" tick: scheduled_publishing: ") >= 2
    assert out.rstrip().endswith("Scheduler stopped")
    assert signal.getsignal(signal.SIGTERM) == previous  # handed back
    assert JobRun.objects.get(name="tick").last_error == ""
