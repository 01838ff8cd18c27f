"""The scheduler's heartbeat: written by the scheduler itself, at most every HEARTBEAT_EVERY s."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from cchc_news.heartbeat import Heartbeat, last_heartbeat, record_heartbeat
from cchc_news.models import JobRun

pytestmark = pytest.mark.django_db


def test_no_heartbeat_before_the_scheduler_ran():
    assert last_heartbeat() is None


def test_the_heartbeat_says_when_and_which_scheduler():
    now = timezone.now() - timedelta(minutes=3)
    record_heartbeat("celery beat", now=now)
    assert last_heartbeat() == now
    assert JobRun.objects.get(name="beat").last_result.startswith("celery beat (pid ")


def test_the_heartbeat_is_written_at_most_every_period():
    clock = mock.Mock(return_value=100.0)
    heartbeat = Heartbeat("tests", every=30, clock=clock)
    assert heartbeat() is True
    first = last_heartbeat()
    clock.return_value = 129.0
    assert heartbeat() is False
    assert last_heartbeat() == first
    clock.return_value = 130.0
    assert heartbeat() is True
    assert last_heartbeat() > first


def test_a_heartbeat_that_cannot_be_written_does_not_stop_the_scheduler(caplog):
    heartbeat = Heartbeat("tests")
    with mock.patch("cchc_news.heartbeat.record_heartbeat", side_effect=RuntimeError("down")):
        assert heartbeat() is False
    assert "Could not record the scheduler's heartbeat" in caplog.text
    assert heartbeat() is True  # tried again at once: the failed one did not count


def test_run_scheduler_records_the_heartbeat(section):
    before = timezone.now()
    call_command("run_scheduler", "--once")
    assert last_heartbeat() >= before
    assert JobRun.objects.get(name="beat").last_result.startswith("run_scheduler (pid ")
