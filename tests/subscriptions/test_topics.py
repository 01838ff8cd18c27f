"""A subscriber may choose topics: they get only those sections, and no issue without them."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from subscriptions import actions
from subscriptions.models import BulletinMailing, Subscriber
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def confirmed(email, *topics):
    subscriber = Subscriber.objects.create(
        email=email, status=Subscriber.CONFIRMED, confirmed_at=timezone.now()
    )
    subscriber.topics.set(topics)
    return subscriber


def test_the_forms_own_page_offers_the_topics_and_keeps_the_choice(
    client, items, django_capture_on_commit_callbacks
):
    page = client.get(reverse("subscriptions:subscribe")).content.decode()
    assert items[0].topic.name in page and 'type="checkbox"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("subscriptions:subscribe"),
            {"email": "a@example.gov.vn", "topics": [items[0].topic.pk]},
        )
    assert list(Subscriber.objects.get().topics.all()) == [items[0].topic]


def test_the_cached_pages_form_offers_no_topics_only_a_link(client, issue):
    html = client.get(issue().url).content.decode()
    assert 'type="checkbox"' not in html
    assert 'href="/nhan-ban-tin/"' in html


def test_each_gets_the_sections_of_their_topics(items, issue):
    everything = confirmed("tat-ca@example.gov.vn")
    first = confirmed("mot-chu-de@example.gov.vn", items[0].topic)
    confirmed(
        "chu-de-khac@example.gov.vn", TopicFactory(name="Mô hình hay")
    )  # nothing for them this week
    issue()
    received = {message.to[0]: message for message in mail.outbox}
    assert sorted(received) == sorted([everything.email, first.email])
    assert items[1].title in received[everything.email].body
    assert items[0].title in received[first.email].body
    assert items[1].title not in received[first.email].body
    [counted] = BulletinMailing.objects.with_counts()
    assert (counted.recipient_count, counted.sent_count) == (2, 2)


def test_asking_again_before_confirming_replaces_the_choice(
    items, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.subscribe("a@example.gov.vn", topics=[items[0].topic])
        actions.subscribe("a@example.gov.vn", topics=[])
    assert Subscriber.objects.get().topic_ids() is None
