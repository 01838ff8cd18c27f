from datetime import timedelta
from io import StringIO

import pytest
from cchc_demo.data import DEFAULT_PASSWORD, PROVINCE_NAME
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from cchc_news.models import Agency, DepartmentIdentity, NewsItemPage
from participation.figures import participation, totals
from participation.periods import Period


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


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


@pytest.mark.django_db
def test_seed_demo_fills_an_empty_database():
    output = seed()

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


@pytest.mark.django_db
def test_every_item_belongs_to_its_agency_and_is_owned_by_its_editor():
    seed()

    for item in NewsItemPage.objects.select_related("agency", "owner"):
        assert item.owner.groups.filter(pk=item.agency.editors_group_id).exists(), item.title
        assert item.get_parent().specific.agency_id == item.agency_id


@pytest.mark.django_db
def test_second_run_creates_nothing_but_still_prints_the_logins():
    seed()
    before = counts()

    output = seed()

    assert counts() == before
    assert "stp.bientap" in output
    assert "admin" in output


@pytest.mark.django_db
def test_existing_users_keep_their_password_unless_reset():
    seed()
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


@pytest.mark.django_db
def test_demo_items_have_a_dated_review_history_and_nobody_is_mailed(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        seed()

    assert mailoutbox == []
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


@pytest.mark.django_db
def test_some_items_were_sent_back_and_some_wait_at_each_step():
    seed()

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


@pytest.mark.django_db
def test_the_participation_report_has_figures_for_the_demo():
    seed()
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


@pytest.mark.django_db
def test_by_default_only_the_logins_are_printed_and_the_index_is_complete():
    """`make run` prints the logins last: not under a line per thing created."""
    output = seed()
    assert output.splitlines()[0].startswith("Dữ liệu mẫu đã sẵn sàng")
    assert "đã tạo người dùng" not in output
    seeded = index_entries()
    call_command("update_index", verbosity=0, stdout=StringIO())
    assert index_entries() == seeded


@pytest.mark.django_db
def test_verbose_run_lists_what_it_creates_and_quiet_run_prints_nothing():
    assert "đã tạo người dùng “stp.bientap”" in seed("-v", "2")
    assert seed("-v", "0") == ""


@pytest.mark.django_db
def test_seed_demo_fills_the_departments_identity_for_a_fictional_province():
    seed()
    identity = DepartmentIdentity.objects.get()
    assert identity.full_name == f"Sở Nội vụ {PROVINCE_NAME}"
    for field in ("address", "phone", "email", "responsible_name", "responsible_title", "licence"):
        assert getattr(identity, field), field
    identity.phone = "0200 000 000"  # the office's own edit
    identity.save()
    seed()
    assert DepartmentIdentity.objects.get().phone == "0200 000 000"


@pytest.mark.django_db
def test_the_demo_shows_mail_in_a_draft_by_e_mail_and_one_in_quarantine():
    from cchc_news.models import IncomingMail

    seed()
    seed()  # received once

    for agency in Agency.objects.all():
        assert agency.sender_addresses() == [agency.email], agency.code
        assert agency.intake_editor.groups.filter(pk=agency.editors_group_id).exists()
    mails = IncomingMail.objects.order_by("message_id")
    assert [mail.status for mail in mails] == ["placed", "quarantined"]
    draft = mails[0].page.specific
    assert not draft.live and draft.owner == draft.agency.intake_editor
