import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from bulletin.assembly import current_week
from bulletin.models import BulletinPage

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("assemble_bulletin", *args, stdout=out)
    return out.getvalue()


def inside(week):
    """A moment inside the week's period: two hours after the previous cut-off."""
    return week.period()[0] + timedelta(hours=2)


def test_dry_run_prints_what_would_go_in_and_changes_nothing(archive, publish_item):
    week = current_week().previous()
    publish_item(inside(week), "Tin thử")
    output = run("--week", str(week), "--dry-run")
    assert "Tin thử" in output and "[chạy thử]" in output
    assert not BulletinPage.objects.exists()


def test_catch_up_assembles_past_weeks_oldest_first(archive, publish_item):
    last = current_week().previous()
    before_last = last.previous()
    publish_item(inside(before_last), "Tuần trước nữa")
    publish_item(inside(last), "Tuần trước")
    run("--catch-up", "2")
    bulletins = BulletinPage.objects.order_by("number")
    assert [(b.iso_week, b.number) for b in bulletins] == [
        (before_last.iso_week, 1),
        (last.iso_week, 2),
    ]


def test_bad_week_is_a_clear_error(archive):
    with pytest.raises(CommandError, match="2026-W48"):
        run("--week", "tuan-48")
