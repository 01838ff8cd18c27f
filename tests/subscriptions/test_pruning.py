"""Sent e-mails are deleted after SUBSCRIPTIONS_SENT_RETENTION_DAYS; the counts stay true."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cchc_news.models import JobRun, OutboxEmail
from cchc_news.models.outbox import OutboxStatus
from cchc_news.scheduler import tick
from subscriptions import actions, pruning
from subscriptions.models import BulletinMailing, MailingRecipient, Subscriber

pytestmark = pytest.mark.django_db


def counts():
    [mailing] = BulletinMailing.objects.with_counts()
    return mailing.recipient_count, mailing.sent_count, mailing.failed_count


@pytest.fixture
def mailed(make_subscribers, issue):
    """Three subscribers' e-mails: two sent, one failed."""
    make_subscribers(3)
    issue()
    failed = OutboxEmail.objects.filter(bulletin_recipient__isnull=False).order_by("pk").first()
    OutboxEmail.objects.filter(pk=failed.pk).update(
        status=OutboxStatus.FAILED, last_attempt_at=timezone.now()
    )
    assert counts() == (3, 2, 1)


def later(days):
    return timezone.now() + timedelta(days=days)


def test_the_e_mails_go_after_the_retention_and_the_counts_stay(mailed, settings):
    settings.SUBSCRIPTIONS_SENT_RETENTION_DAYS = 30
    assert pruning.prune(later(29)) == 0
    assert pruning.prune(later(31)) == 3
    assert not OutboxEmail.objects.filter(source__startswith="subscriptions.").exists()
    assert counts() == (3, 2, 1)
    assert pruning.prune(later(31)) == 0  # run again: nothing left, nothing changed
    assert counts() == (3, 2, 1)


def test_a_waiting_e_mail_is_kept_however_old(make_subscribers, issue, monkeypatch):
    from subscriptions import mailing

    make_subscribers(2)
    monkeypatch.setattr(mailing, "send_outbox", lambda: (0, 0))  # written, not yet sent
    issue()
    assert pruning.prune(later(1000)) == 0
    assert counts() == (2, 0, 0)


def test_leaving_after_the_pruning_keeps_the_counts(mailed):
    pruning.prune(later(1000))
    for subscriber in Subscriber.objects.all():
        assert actions.unsubscribe(subscriber.token)
    assert counts() == (3, 2, 1)
    assert MailingRecipient.objects.filter(subscriber__isnull=True).count() == 3


def test_the_old_confirmation_e_mails_go_too(items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.subscribe("a@example.gov.vn")
    assert OutboxEmail.objects.get(source=actions.CONFIRMATION_SOURCE).status == "sent"
    assert pruning.prune(later(1000)) == 1


def test_the_tick_runs_it_and_makes_up_for_missed_runs(mailed, settings):
    settings.SUBSCRIPTIONS_SENT_RETENTION_DAYS = 1
    tick(now=later(5))  # days of ticks missed: the one that runs does their work
    assert JobRun.objects.get(name="sent_email_retention").last_result == "3 deleted"
    assert counts() == (3, 2, 1)
    tick(now=later(6))
    assert JobRun.objects.get(name="sent_email_retention").last_result == "0 deleted"
