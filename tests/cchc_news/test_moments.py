from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from cchc_news.moments import moment_text

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (30, "16:00 thứ Hai, 30/11/2026"),
        (4, "16:00 thứ Sáu, 04/12/2026"),
        (6, "16:00 Chủ nhật, 06/12/2026"),
    ],
)
def test_a_moment_reads_as_in_a_sentence(day, text):
    month = 11 if day == 30 else 12
    assert moment_text(datetime(2026, month, day, 16, 0, tzinfo=HCM)) == text


def test_in_the_site_time_zone_and_in_english_for_english_readers():
    utc = datetime(2026, 12, 4, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert moment_text(utc) == "16:00 thứ Sáu, 04/12/2026"
    with translation.override("en"):
        assert moment_text(utc) == "16:00 Friday, 04/12/2026"


def test_the_template_filter():
    template = Template("{% load cchc_moments %}{{ when|moment }}|{{ none|moment }}")
    when = datetime(2026, 12, 4, 16, 0, tzinfo=HCM)
    assert template.render(Context({"when": when, "none": None})) == "16:00 thứ Sáu, 04/12/2026|"
