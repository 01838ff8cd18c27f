"""A subscriber may choose agencies as well as topics: none chosen, everything; both chosen,
the entries that match both (subscriptions/interests.py)."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from subscriptions.interests import Interests
from subscriptions.models import BulletinMailing, Subscriber
from tests.bulletin.conftest import local

pytestmark = pytest.mark.django_db


def confirmed(email, topics=(), agencies=()):
    subscriber = Subscriber.objects.create(
        email=email, status=Subscriber.CONFIRMED, confirmed_at=timezone.now()
    )
    subscriber.topics.set(topics)
    subscriber.agencies.set(agencies)
    return subscriber


@pytest.fixture
def ward_item(items, agency_b, publish_item):
    """A third item, of agency B, on the first item's topic."""
    return publish_item(
        local(2026, 11, 25, 9, 0),
        "Phường Bến Thành: trả hồ sơ tại nhà",
        topic=items[0].topic,
        parent=agency_b.index_page,
    )


@pytest.mark.parametrize(
    ("interests", "kept"),
    [
        (Interests.of(), {"t1/a1", "t1/a2", "t2/a1", "none/a1"}),
        (Interests.of(topic_ids=[1]), {"t1/a1", "t1/a2"}),
        (Interests.of(agency_ids=[1]), {"t1/a1", "t2/a1", "none/a1"}),
        (Interests.of([1], [2]), {"t1/a2"}),
        (Interests.of([2], [2]), set()),
    ],
)
def test_the_rule_none_chosen_is_everything_both_chosen_must_both_match(interests, kept):
    topics = {1: SimpleNamespace(pk=1), 2: SimpleNamespace(pk=2), None: None}
    entries = {"t1/a1": (1, 1), "t1/a2": (1, 2), "t2/a1": (2, 1), "none/a1": (None, 1)}
    sections = [
        (topics[topic_id], [(SimpleNamespace(agency_id=agency_id), name)])
        for name, (topic_id, agency_id) in entries.items()
    ]
    got = {name for _topic, section in interests.sections(sections) for _item, name in section}
    assert got == kept
    assert interests.wants_any(set(entries.values())) == bool(kept)


def test_the_forms_own_page_offers_the_agencies_and_keeps_the_choice(
    client, items, agency_b, django_capture_on_commit_callbacks
):
    page = client.get(reverse("subscriptions:subscribe")).content.decode()
    assert agency_b.name in page and 'name="agencies"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("subscriptions:subscribe"),
            {"email": "a@example.gov.vn", "agencies": [agency_b.pk]},
        )
    subscriber = Subscriber.objects.get()
    assert list(subscriber.agencies.all()) == [agency_b] and subscriber.topic_ids() is None


def test_each_gets_the_entries_of_their_agencies_and_topics(items, ward_item, agency_b, issue):
    ward = confirmed("phuong@example.gov.vn", agencies=[agency_b])
    ward_results = confirmed(
        "phuong-ket-qua@example.gov.vn", topics=[items[0].topic], agencies=[agency_b]
    )
    confirmed(  # agency B wrote nothing on this topic this week: no e-mail
        "phuong-hoat-dong@example.gov.vn", topics=[items[1].topic], agencies=[agency_b]
    )
    results = confirmed("ket-qua@example.gov.vn", topics=[items[0].topic])
    issue()
    received = {message.to[0]: message.body for message in mail.outbox}
    assert sorted(received) == sorted([ward.email, ward_results.email, results.email])
    assert ward_item.title in received[ward.email]
    assert items[0].title not in received[ward.email]
    assert items[0].title not in received[ward_results.email]
    assert ward_item.title in received[ward_results.email]
    assert items[0].title in received[results.email]
    assert ward_item.title in received[results.email]
    assert items[1].title not in received[results.email]
    [counted] = BulletinMailing.objects.with_counts()
    assert (counted.recipient_count, counted.sent_count) == (3, 3)
