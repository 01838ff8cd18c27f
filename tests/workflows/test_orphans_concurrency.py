"""Two scheduler ticks at the same moment tell the CCHC office once (PostgreSQL: real locks)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection

from tests.helpers import at_once
from workflows.escalation import alert_office
from workflows.models import OfficeAlert, ReminderSent

from .builders import draft_item, start_review
from .helpers import current_task_state

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks; CI runs the suite on PostgreSQL",
    ),
]

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_two_ticks_at_once_send_each_alert_once(editor_a, head_a, agency_a, topic, office_user):
    item = draft_item(agency_a, editor_a, title="Chờ lâu", topic=topic)
    start_review(item, editor_a)
    task_state = current_task_state(item)
    # Reminded last Wednesday and unanswered, and the only head has since left.
    ReminderSent.objects.create(task_state=task_state, sent_on=date(2026, 11, 25))
    head_a.is_active = False
    head_a.save()
    mail.outbox.clear()

    results, errors = at_once(lambda: alert_office(MONDAY))

    assert errors == []
    assert sum(results) == 2  # one "nobody can review", one "escalated", between the two ticks
    assert sorted(OfficeAlert.objects.values_list("reason", flat=True)) == [
        OfficeAlert.NO_REVIEWER,
        OfficeAlert.OVERDUE,
    ]
    assert sorted(m.subject.split(":")[0] for m in mail.outbox) == [
        "Không có ai duyệt được",
        "Quá hạn duyệt, chuyển Phòng CCHC",
    ]
