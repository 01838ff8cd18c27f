"""`manage.py seed_demo`: run once on an empty database for the module (about 20 s a run), in a
transaction rolled back when the module is done; each test's own changes (a second run, an
office's edit) are rolled back after it, as usual. Its verbosity: test_seed_demo_verbosity.py."""

from dataclasses import dataclass
from datetime import timedelta
from io import StringIO

import pytest
from cchc_demo.data import DEFAULT_PASSWORD, PROVINCE_NAME
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from cchc_news.models import Agency, DepartmentIdentity, NewsItemPage
from participation.figures import participation, totals
from participation.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_environment(tmp_path_factory):
    """The demo's files in a folder of the module's own; the default demo password."""
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=str(media)), pytest.MonkeyPatch.context() as patch:
        patch.delenv("DEMO_PASSWORD", raising=False)
        yield media


@dataclass(frozen=True)
class Seeded:
    output: str  # what the first run printed
    mails: list  # what it sent, its on-commit work done


@pytest.fixture(scope="module")
def seeded(demo_environment, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            output = seed()
        yield Seeded(output, list(mail.outbox))
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches site root paths of the rolled-back pages


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_seed_demo_fills_an_empty_database(seeded):
    output = seeded.output

    agencies = Agency.objects.select_related("editors_group", "heads_group")
    assert agencies.count() >= 6
    for agency in agencies:
        assert agency.editors_group.user_set.count() == 1, agency.code
        assert agency.heads_group.user_set.count() == 1, agency.code
    assert NewsItemPage.objects.count() >= 30
    assert NewsItemPage.objects.live().count() >= 26
    assert NewsItemPage.objects.filter(live=False).count() == 5  # one came by e-mail
    assert get_document_model().objects.count() >= 5
    assert get_image_model().objects.count() >= 5
    assert "stp.bientap" in output
    assert DEFAULT_PASSWORD in output


def test_every_item_belongs_to_its_agency_and_is_owned_by_its_editor(seeded):
    for item in NewsItemPage.objects.select_related("agency", "owner"):
        assert item.owner.groups.filter(pk=item.agency.editors_group_id).exists(), item.title
        assert item.get_parent().specific.agency_id == item.agency_id


def test_second_run_creates_nothing_but_still_prints_the_logins(seeded):
    before = counts()

    output = seed()

    assert counts() == before
    assert "stp.bientap" in output
    assert "admin" in output


def test_existing_users_keep_their_password_unless_reset(seeded):
    user = get_user_model().objects.get(username="stp.bientap")
    user.set_password("a-new-private-password")
    user.save()

    output = seed()
    user.refresh_from_db()
    assert user.check_password("a-new-private-password")
    assert "--reset-passwords" in output

    seed("--reset-passwords")
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_demo_items_have_a_dated_review_history_and_nobody_is_mailed(seeded):
    assert seeded.mails == []
    for item in NewsItemPage.objects.all():
        entries = list(PageLogEntry.objects.filter(page=item).order_by("pk"))
        moments = [entry.timestamp for entry in entries]
        assert moments == sorted(moments), item.title  # each step after the one before
        assert entries[0].action == "wagtail.create"
        assert entries[0].user == item.owner
        if item.live:
            state = WorkflowState.objects.get(object_id=str(item.pk))
            assert state.status == WorkflowState.STATUS_APPROVED
            assert state.requested_by == item.owner
            assert state.created_at < item.first_published_at < timezone.now()
            assert item.first_published_at == moments[-1]  # the leadership's approval


def test_some_items_were_sent_back_and_some_wait_at_each_step(seeded):
    rejected = TaskState.objects.filter(status=TaskState.STATUS_REJECTED)
    assert rejected.exists()
    assert all(task.comment for task in rejected)
    waiting = {
        state.current_task_state.task.name
        for state in WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    }
    assert len(waiting) == 3  # the agency's head, the CCHC office, the leadership
    assert (
        NewsItemPage.objects.filter(live=False)
        .exclude(pk__in=[int(state.object_id) for state in WorkflowState.objects.active()])
        .count()
        == 2
    )  # one plain draft, one by e-mail


def test_the_participation_report_has_figures_for_the_demo(seeded):
    today = timezone.localdate()
    period = Period.custom(today - timedelta(days=60), today)

    rows = participation(Agency.objects.all(), period)

    total = totals(rows)
    assert total.submissions >= 30
    assert total.published >= 29
    assert total.sent_back >= 1
    assert total.median_to_publication > timedelta(hours=1)


def index_entries():
    from wagtail.search.models import IndexEntry

    return sorted(IndexEntry.objects.values_list("content_type_id", "object_id", "title", "body"))


def test_by_default_only_the_logins_are_printed_and_the_index_is_complete(seeded):
    """`make run` prints the logins last: not under a line per thing created."""
    output = seeded.output
    assert output.splitlines()[0].startswith("Dữ liệu mẫu đã sẵn sàng")
    assert "đã tạo người dùng" not in output
    indexed = index_entries()
    call_command("update_index", verbosity=0, stdout=StringIO())
    assert index_entries() == indexed


def test_seed_demo_fills_the_departments_identity_for_a_fictional_province(seeded):
    identity = DepartmentIdentity.objects.get()
    assert identity.full_name == f"Sở Nội vụ {PROVINCE_NAME}"
    for field in ("address", "phone", "email", "responsible_name", "responsible_title", "licence"):
        assert getattr(identity, field), field
    identity.phone = "0200 000 000"  # the office's own edit
    identity.save()
    seed()
    assert DepartmentIdentity.objects.get().phone == "0200 000 000"


def test_the_demo_shows_mail_in_a_draft_by_e_mail_and_one_in_quarantine(seeded):
    from cchc_news.models import IncomingMail

    seed()  # received once

    for agency in Agency.objects.all():
        assert agency.sender_addresses() == [agency.email], agency.code
        assert agency.intake_editor.groups.filter(pk=agency.editors_group_id).exists()
    mails = IncomingMail.objects.order_by("message_id")
    assert [mail.status for mail in mails] == ["placed", "quarantined"]
    draft = mails[0].page.specific
    assert not draft.live and draft.owner == draft.agency.intake_editor
