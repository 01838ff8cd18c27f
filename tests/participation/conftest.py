"""A constructed data set with known answers, driven through the real review workflow.

Period under test: May 2026 (Asia/Ho_Chi_Minh). Agencies:

- Sở Tư pháp (agency_a, kind "Sở, ban, ngành"): one item submitted a minute before the
  period (left out); one item submitted 4 May 09:00, approved by the head, sent back twice
  by the office, approved, signed off and published 8 May 11:00, then put in the bulletin of
  week 19 (published 8 May 16:00); one item submitted 20 May, withdrawn, submitted again at
  23:59 on 31 May. Expected: 3 submissions of 2 items, 1 approved, 2 sent back, 1
  published, 1 in a bulletin, median 4 days 2 hours, last contribution 31/05/2026.
- UBND phường Bến Thành (kind "UBND phường, xã, đặc khu"): an item published directly on
  30 April (left out, in the week-18 bulletin published 30 April 23:59, left out too) and
  one published directly at 06:00 on 1 May (still 30 April in UTC), in the week-19
  bulletin. Expected: 1 published, 1 in a bulletin, no median, last contribution 01/05/2026.
- Sở Xây dựng: no item at all: highlighted.
- An inactive agency with no item: left out unless asked for.
"""

from types import SimpleNamespace

import pytest

from tests.db_snapshots import replayed
from tests.factories import AgencyFactory, AgencyKindFactory, TopicFactory
from tests.workflows.builders import draft_item

from .timeline import (
    approve,
    assemble_bulletin,
    cancel,
    local,
    publish_directly,
    resubmit,
    send_back,
    submit,
)


@pytest.fixture
def communes(db):
    return replayed(
        "participation: communes", lambda: AgencyKindFactory(name="UBND phường, xã, đặc khu")
    )


@pytest.fixture
def agencies(section, agency_a, communes):
    """The four agencies of the data set, without any item."""
    return replayed(
        "participation: agencies",
        lambda: SimpleNamespace(
            justice=agency_a,
            ward=AgencyFactory(
                name="UBND phường Bến Thành", short_name="P. Bến Thành", code="pbt", kind=communes
            ),
            silent=AgencyFactory(name="Sở Xây dựng", short_name="Sở Xây dựng", code="sxd"),
            closed=AgencyFactory(name="Ban Quản lý đã giải thể", code="bqlgt", active=False),
        ),
    )


@pytest.fixture
def dataset(agencies, agency_a, editor_a, head_a, office_user, leader):
    return replayed(
        "participation: dataset",
        lambda: build_dataset(agencies, agency_a, editor_a, head_a, office_user, leader),
    )


def build_dataset(agencies, agency_a, editor_a, head_a, office_user, leader):
    topic = TopicFactory()
    ward = agencies.ward

    early = draft_item(agency_a, editor_a, title="Tin gửi trước kỳ một phút", topic=topic)
    submit(local(2026, 4, 30, 23, 59), early, editor_a)

    ward_early = draft_item(ward, office_user, title="Tin đăng ngày 30/4", topic=topic)
    publish_directly(local(2026, 4, 30, 20, 0), ward_early, office_user)
    assemble_bulletin(local(2026, 4, 30, 23, 59), 2026, 18)
    ward_item = draft_item(ward, office_user, title="Tin đăng sáng 1/5", topic=topic)
    publish_directly(local(2026, 5, 1, 6, 0), ward_item, office_user)

    reviewed = draft_item(agency_a, editor_a, title="Tin trả lại hai lần rồi duyệt", topic=topic)
    submit(local(2026, 5, 4, 9, 0), reviewed, editor_a)
    approve(local(2026, 5, 4, 15, 0), reviewed, head_a)
    send_back(local(2026, 5, 5, 10, 0), reviewed, office_user)
    resubmit(local(2026, 5, 6, 9, 0), reviewed, editor_a)
    send_back(local(2026, 5, 6, 14, 0), reviewed, office_user)
    resubmit(local(2026, 5, 7, 8, 0), reviewed, editor_a)
    approve(local(2026, 5, 7, 10, 0), reviewed, office_user)
    approve(local(2026, 5, 8, 11, 0), reviewed, leader)  # the last step publishes
    assemble_bulletin(local(2026, 5, 8, 16, 0), 2026, 19)

    again = draft_item(agency_a, editor_a, title="Tin rút lại rồi gửi lại", topic=topic)
    submit(local(2026, 5, 20, 10, 0), again, editor_a)
    cancel(local(2026, 5, 20, 11, 0), again, editor_a)
    submit(local(2026, 5, 31, 23, 59), again, editor_a)

    return SimpleNamespace(
        **vars(agencies),
        items=SimpleNamespace(
            early=early, ward_early=ward_early, ward_item=ward_item, reviewed=reviewed, again=again
        ),
    )
