from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail import hooks

from bulletin.cutoff import cutoff_for_editors, next_cutoff, previous_cutoff
from cchc_news import cutoff as editors_cutoff
from cchc_news.conf import parse_crontab

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = ZoneInfo("UTC")


def at(*args, tz=HCM):
    return datetime(*args, tzinfo=tz)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 11, 27, 15, 59), at(2026, 11, 27, 16, 0)),  # Friday, a minute before
        (at(2026, 11, 27, 16, 0), at(2026, 12, 4, 16, 0)),  # at the cut-off: next week
        (at(2026, 11, 27, 16, 1), at(2026, 12, 4, 16, 0)),
        (at(2026, 11, 30, 9, 0), at(2026, 12, 4, 16, 0)),  # Monday
        (at(2026, 12, 31, 23, 30), at(2027, 1, 1, 16, 0)),  # across the year boundary
        # 08:59 UTC on Friday is 15:59 in Ho Chi Minh City: same-day cut-off.
        (at(2026, 11, 27, 8, 59, tz=UTC), at(2026, 11, 27, 16, 0)),
        # 17:30 UTC on Thursday is already 00:30 Friday locally.
        (at(2026, 11, 26, 17, 30, tz=UTC), at(2026, 11, 27, 16, 0)),
    ],
)
def test_next_cutoff_in_ho_chi_minh_time(now, expected):
    assert next_cutoff(now) == expected


def test_previous_cutoff_is_inclusive():
    assert previous_cutoff(at(2026, 11, 27, 16, 0)) == at(2026, 11, 27, 16, 0)
    assert previous_cutoff(at(2026, 11, 27, 15, 59)) == at(2026, 11, 20, 16, 0)


def test_other_schedules():
    twice_weekly = parse_crontab("30 9 * * 1,4")  # Monday and Thursday 09:30
    assert next_cutoff(at(2026, 11, 27, 12, 0), twice_weekly) == at(2026, 11, 30, 9, 30)
    assert previous_cutoff(at(2026, 11, 27, 12, 0), twice_weekly) == at(2026, 11, 26, 9, 30)


def test_the_editors_see_the_next_cutoff_in_vietnamese():
    cutoff = cutoff_for_editors(at(2026, 11, 27, 15, 0))
    assert cutoff.at == at(2026, 11, 27, 16, 0)
    assert cutoff.line == "Thời hạn tổng hợp tuần này: 16:00 thứ Sáu, 27/11/2026"
    assert cutoff.explanation == (
        "Tin, bài được duyệt trước 16:00 thứ Sáu, 27/11/2026 sẽ vào Bản tin tuần này."
    )


def test_the_bulletin_app_supplies_cchc_news_its_cutoff():
    assert cutoff_for_editors in hooks.get_hooks(editors_cutoff.HOOK_NAME)
    now = at(2026, 11, 30, 9, 0)
    assert editors_cutoff.next_cutoff(now) == cutoff_for_editors(now)
