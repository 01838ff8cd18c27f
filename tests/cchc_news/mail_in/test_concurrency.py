"""Two processes placing the same message at once (two readers of the mailbox, or an MTA pipe
beside the IMAP reader) make one draft: the second one's transaction is rolled back."""

import pytest
from django.db import connection

from cchc_news.mail_in import placement
from cchc_news.models import IncomingMail, NewsItemPage, OutboxEmail
from tests.helpers import at_once

from .conftest import eml


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's concurrent writers; CI runs the suite on PostgreSQL",
)
def test_the_same_message_placed_twice_at_once_makes_one_draft(mail_agency):
    results, errors = at_once(lambda: placement.receive(eml("thunderbird_odt.eml")))
    assert errors == []
    assert sorted(new for _, new in results) == [False, True]
    assert len({row.pk for row, _ in results}) == 1
    assert NewsItemPage.objects.count() == 1 and IncomingMail.objects.count() == 1
    assert OutboxEmail.objects.count() == 2  # the answer and the editors' notice, once
