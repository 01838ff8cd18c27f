import io
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageLogEntry

from bulletin.assembly import EARLY_PUBLICATION, current_week
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


# The cut-off at the very end of each week (Sunday 23:59): the current week's is still ahead.
CUTOFF_AHEAD = override_settings(BULLETIN_SCHEDULE="59 23 * * 0")


def test_a_future_week_is_refused(archive, publish_item):
    publish_item(timezone.now() - timedelta(hours=1), "Tin mới")
    future = current_week().next()
    for args in (("--week", str(future)), ("--week", str(future), "--early", "Lý do")):
        with pytest.raises(CommandError, match=re.escape(future.label())):
            run(*args)
    assert not BulletinPage.objects.exists()


@CUTOFF_AHEAD
def test_before_the_cutoff_only_with_early_and_a_reason(archive, publish_item):
    week = str(current_week())
    publish_item(timezone.now() - timedelta(seconds=1), "Tin trong tuần")
    assert "Tin trong tuần" in run("--week", week, "--dry-run")  # a dry run is still fine
    with pytest.raises(CommandError, match="--early"):
        run("--week", week)
    with pytest.raises(CommandError, match="--early"):
        run("--week", week, "--early", "   ")
    assert not BulletinPage.objects.exists()

    reason = "Phát hành trước kỳ nghỉ lễ theo chỉ đạo của Lãnh đạo Sở."
    run("--week", week, "--early", reason)
    bulletin = BulletinPage.objects.get()
    assert bulletin.live
    entry = PageLogEntry.objects.get(page=bulletin, action=EARLY_PUBLICATION)
    assert entry.data["reason"] == reason


def test_past_weeks_need_no_reason(archive, publish_item):
    week = current_week().previous()
    publish_item(inside(week), "Tin tuần trước")
    run("--week", str(week))
    assert BulletinPage.objects.get().live
    assert not PageLogEntry.objects.filter(action=EARLY_PUBLICATION).exists()
