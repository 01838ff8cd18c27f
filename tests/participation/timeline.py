"""Driving the real review workflow at chosen local times.

freezegun is not installed, and moving the clock is not needed: each step runs through
Wagtail's own API at the real time, then the rows that step wrote (workflow runs started,
tasks started or finished, pages first or last published) are moved to the step's chosen
moment. Every chosen moment lies in the past, before the test's real steps, so a later
step never catches an earlier step's rows again.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from bulletin.assembly import assemble
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from tests.workflows.builders import act_on, start_review

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args):
    return datetime(*args, tzinfo=HCM)


def at(when, action, *args, **kwargs):
    """Run `action` now, then date every row it wrote at `when`."""
    before = timezone.now()
    result = action(*args, **kwargs)
    WorkflowState.objects.filter(created_at__gte=before).update(created_at=when)
    TaskState.objects.filter(started_at__gte=before).update(started_at=when)
    TaskState.objects.filter(finished_at__gte=before).update(finished_at=when)
    Page.objects.filter(first_published_at__gte=before).update(first_published_at=when)
    Page.objects.filter(last_published_at__gte=before).update(last_published_at=when)
    return result


def fresh(item):
    return NewsItemPage.objects.get(pk=item.pk)


def submit(when, item, user):
    return at(when, start_review, fresh(item), user)


def approve(when, item, user):
    return at(when, act_on, fresh(item), user, "approve")


def send_back(when, item, user, comment="Đề nghị bổ sung số liệu."):
    return at(when, act_on, fresh(item), user, "reject", comment)


def resubmit(when, item, user):
    """The editor revises the item and sends it back to the step that asked for changes."""

    def resume():
        page = fresh(item)
        page.save_revision(user=user)
        return page.current_workflow_state.resume(user=user)

    return at(when, resume)


def cancel(when, item, user):
    return at(when, lambda: fresh(item).current_workflow_state.cancel(user=user))


def publish_directly(when, item, user):
    """Publication without review (the office's right), as the admin's "Publish" does."""
    return at(when, lambda: fresh(item).save_revision(user=user).publish(user=user))


def assemble_bulletin(when, iso_year, iso_week):
    return at(when, assemble, Week(iso_year, iso_week))
