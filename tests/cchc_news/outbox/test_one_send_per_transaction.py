"""A transaction that writes several notices sends the outbox once after its commit."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from cchc_news.outbox import queueing, storage

pytestmark = pytest.mark.django_db

BUILDERS = "tests.cchc_news.outbox.transports"


def test_three_notices_one_send(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(queueing, "flush", side_effect=queueing.flush) as flush,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        for n in range(3):
            storage.defer(f"{BUILDERS}.one_email", source="test", to=f"{n}@example.gov.vn")
    assert flush.call_count == 1
    assert sorted(m.to[0] for m in mail.outbox) == [f"{n}@example.gov.vn" for n in range(3)]


def test_the_next_transaction_sends_again(django_capture_on_commit_callbacks):
    for n in range(2):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            storage.defer(f"{BUILDERS}.one_email", source="test", to=f"{n}@example.gov.vn")
        assert len(mail.outbox) == n + 1
