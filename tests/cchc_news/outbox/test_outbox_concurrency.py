"""Two senders at once (a task and the tick, two workers) send each e-mail once.

PostgreSQL: real row locks, each sender on its own connection. The first sender holds its row
while the SMTP server (a stand-in that answers when the test says so) is still receiving it.
"""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import override_settings

from cchc_news.models import OutboxEmail
from cchc_news.outbox import storage
from cchc_news.outbox.sending import flush

from .transports import GatedEmailBackend

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks; CI runs the suite on PostgreSQL",
    ),
]


@pytest.mark.timeout(120)
@override_settings(EMAIL_BACKEND="tests.cchc_news.outbox.transports.GatedEmailBackend")
def test_an_email_claimed_by_one_sender_is_skipped_by_the_other():
    GatedEmailBackend.entered.clear()
    GatedEmailBackend.release.clear()
    storage.write([mail.EmailMessage("Một lần", "…", to=["head@example.gov.vn"])], send=False)
    first = []

    def send():
        try:
            first.append(flush())
        finally:
            connections.close_all()

    thread = threading.Thread(target=send)
    thread.start()
    assert GatedEmailBackend.entered.wait(timeout=60)  # the first sender holds the row

    assert flush() == "0 written, 0 sent, 0 failed"  # the second one skips it
    GatedEmailBackend.release.set()
    thread.join(timeout=60)

    assert first == ["0 written, 1 sent, 0 failed"]
    assert flush() == "0 written, 0 sent, 0 failed"  # and finds it sent afterwards
    assert [m.to for m in mail.outbox] == [["head@example.gov.vn"]]
    assert OutboxEmail.objects.get().status == "sent"
