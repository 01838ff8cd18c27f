"""A hung Redis (alive, not answering) while an editor submits an item for review.

The broker and the cache are a redis-server of the test's own, frozen with SIGSTOP. Before the
broker's socket timeouts the request waited for ever on the publish (gunicorn killed it at 30 s:
a 500) and the review request was lost. Now the request is answered (the time-out below only
stops a hung test) and the e-mail waits in the outbox: once Redis is back, the tick sends it.
"""

import pytest
from django.core import mail

from cchc_news.models import NewsItemPage, OutboxEmail, OutboxNotice
from cchc_news.scheduler import tick
from tests.workflows.builders import submit_through_admin
from tests.workflows.conftest import original_pdf, topic  # noqa: F401 (fixtures)

from . import own_redis as own_redis_module
from .conftest import SHARED_DATABASE_AND_OWN_REDIS
from .own_redis import own_redis  # noqa: F401 (a fixture)

pytestmark = SHARED_DATABASE_AND_OWN_REDIS


@pytest.fixture
def broker_and_cache_on(own_redis):  # noqa: F811 (the fixture imported above)
    """The portal's broker and cache on `own_redis`, with the portal's own timeouts."""
    with own_redis_module.broker_on(own_redis), own_redis_module.cache_on(own_redis):
        yield own_redis


@pytest.mark.timeout(120)
def test_a_submission_during_a_hung_redis_is_saved_answered_and_its_email_kept(
    client,
    editor_a,
    agency_a,
    topic,  # noqa: F811 (the fixture imported above)
    original_pdf,  # noqa: F811
    head_a,
    broker_and_cache_on,
):
    broker_and_cache_on.freeze()

    response = submit_through_admin(client, editor_a, agency_a, topic, original_pdf, title="Tin")

    assert response.status_code == 302  # answered, and the item is in review
    item = NewsItemPage.objects.get(title="Tin")
    assert item.current_workflow_state is not None
    assert mail.outbox == []
    assert OutboxNotice.objects.filter(source="workflows.review_requested").count() == 1

    broker_and_cache_on.thaw()
    tick()  # the scheduler's next tick, once Redis answers again
    assert [message.to for message in mail.outbox] == [[head_a.email]]
    tick()
    assert len(mail.outbox) == 1  # sent once
    assert OutboxEmail.objects.get().status == "sent"
