"""The preferences page: reached with the subscriber's own link (no login) from each bulletin
e-mail and from the confirmation page; change the topics and agencies, or unsubscribe."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from subscriptions import actions, tokens
from subscriptions.models import Subscriber

pytestmark = pytest.mark.django_db


def preferences_path(subscriber):
    return reverse("subscriptions:preferences", args=[subscriber.token])


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def csrf_token_of(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_every_bulletin_e_mail_links_to_the_subscribers_preferences(make_subscribers, issue):
    make_subscribers(2)
    issue()
    for message in mail.outbox:
        url = (
            f"http://127.0.0.1:8000{preferences_path(Subscriber.objects.get(email=message.to[0]))}"
        )
        assert url in message.body and url in message.alternatives[0][0]


def test_the_confirmation_page_links_to_them_and_shows_the_choice(
    client, items, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.subscribe("a@example.gov.vn", topics=[items[0].topic])
    subscriber = Subscriber.objects.get()
    assert items[0].topic.name in mail.outbox[0].body  # the confirmation e-mail says it too
    confirmation = reverse("subscriptions:confirm", args=[tokens.confirmation_token(subscriber)])
    html = client.post(confirmation).content.decode()
    assert f'href="{preferences_path(subscriber)}"' in html
    assert items[0].topic.name in html


def test_the_link_changes_the_topics_and_agencies_without_login(
    csrf_client, items, agency_b, make_subscribers
):
    make_subscribers(1)
    subscriber = Subscriber.objects.get()
    page = csrf_client.get(preferences_path(subscriber))
    assert page.status_code == 200 and subscriber.email in page.content.decode()
    response = csrf_client.post(
        preferences_path(subscriber),
        {
            "csrfmiddlewaretoken": csrf_token_of(page),
            "topics": [items[1].topic.pk],
            "agencies": [agency_b.pk],
        },
    )
    assert response.status_code == 200 and 'role="status"' in response.content.decode()
    assert list(subscriber.topics.all()) == [items[1].topic]
    assert list(subscriber.agencies.all()) == [agency_b]


def test_a_post_without_the_csrf_token_changes_nothing(csrf_client, items, make_subscribers):
    make_subscribers(1)
    subscriber = Subscriber.objects.get()
    for data in ({"topics": [items[1].topic.pk]}, {"unsubscribe": "1"}):
        assert csrf_client.post(preferences_path(subscriber), data).status_code == 403
    assert Subscriber.objects.get().topic_ids() is None


def test_the_page_unsubscribes_too(csrf_client, make_subscribers):
    make_subscribers(1)
    path = preferences_path(Subscriber.objects.get())
    page = csrf_client.get(path)
    response = csrf_client.post(
        path, {"csrfmiddlewaretoken": csrf_token_of(page), "unsubscribe": "1"}
    )
    assert response.status_code == 200 and 'role="status"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_an_unknown_link_says_it_no_longer_works_and_offers_the_form(client, db):
    response = client.get(reverse("subscriptions:preferences", args=["khong-co"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert 'role="alert"' in html and 'action="/nhan-ban-tin/"' in html
