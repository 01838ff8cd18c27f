"""Thin receivers: the bulletin's events and the scheduler's tick call the domain functions."""

from bulletin.models import BulletinIndexPage, BulletinPage
from bulletin.signals import bulletin_issued, bulletin_page_asides
from cchc_news.scheduler import scheduled_job
from cchc_news.signals import scheduler_tick, section_ready

from . import actions, mailing, pruning
from .setup import grant_mailing_permission
from .tasks import MAILINGS_JOB

FORM_TEMPLATE = "subscriptions/subscribe_form.html"
RETENTION_JOB = "subscriber_retention"
PRUNING_JOB = "sent_email_retention"


def mail_issued_bulletin(sender, bulletin, correction=None, **kwargs):
    mailing.record_mailing(bulletin, correction)


def subscribe_form_aside(sender, page, request, **kwargs):
    """The subscription form under the archive and under each bulletin."""
    return [FORM_TEMPLATE]


@scheduled_job(MAILINGS_JOB)
def send_due_mailings(now):
    """Made up by the tick: mailings whose task never ran or died half way."""
    return mailing.send_due()


@scheduled_job(RETENTION_JOB)
def delete_unconfirmed_addresses(now):
    return f"{actions.delete_unconfirmed(now)} deleted"


@scheduled_job(PRUNING_JOB)
def prune_sent_emails(now):
    """The sent e-mails past SUBSCRIPTIONS_SENT_RETENTION_DAYS (whatever the last run missed)."""
    return f"{pruning.prune(now)} deleted"


def register():
    section_ready.connect(
        grant_mailing_permission, dispatch_uid="subscriptions.grant_mailing_permission"
    )
    bulletin_issued.connect(
        mail_issued_bulletin, sender=BulletinPage, dispatch_uid="subscriptions.mail_issued"
    )
    for model in (BulletinIndexPage, BulletinPage):
        bulletin_page_asides.connect(
            subscribe_form_aside,
            sender=model,
            dispatch_uid=f"subscriptions.subscribe_form.{model.__name__}",
        )
    scheduler_tick.connect(send_due_mailings, dispatch_uid="subscriptions.tick.mailings")
    scheduler_tick.connect(
        delete_unconfirmed_addresses, dispatch_uid="subscriptions.tick.retention"
    )
    scheduler_tick.connect(prune_sent_emails, dispatch_uid="subscriptions.tick.pruning")
