"""Double opt-in: a confirmation e-mail with a signed link that expires, within limits."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from subscriptions import actions, tokens
from subscriptions.actions import Subscribed
from subscriptions.models import Subscriber

from .conftest import links_in

pytestmark = pytest.mark.django_db

ADDRESS = "Nguyen.Van.A@Example.gov.vn"


def subscribe(client, email=ADDRESS, capture=None, **extra):
    with capture(execute=True):
        return client.post(reverse("subscriptions:subscribe"), {"email": email}, **extra)


def confirmation_link():
    [link] = links_in(mail.outbox[-1].body)
    return link


def test_subscribing_sends_one_confirmation_and_stores_a_pending_address(
    client, django_capture_on_commit_callbacks
):
    response = subscribe(client, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:requested")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "nguyen.van.a@example.gov.vn"
    assert subscriber.status == Subscriber.PENDING
    [message] = mail.outbox
    assert message.to == ["nguyen.van.a@example.gov.vn"]
    assert "/nhan-ban-tin/xac-nhan/" in confirmation_link()
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_opening_the_link_changes_nothing_and_its_button_confirms(
    client, django_capture_on_commit_callbacks
):
    subscribe(client, capture=django_capture_on_commit_callbacks)
    link = confirmation_link()
    assert client.get(link).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.PENDING
    response = client.post(link)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.is_confirmed and subscriber.confirmed_at is not None


def test_an_expired_link_confirms_nothing_and_offers_the_form(
    client, django_capture_on_commit_callbacks
):
    subscribe(client, capture=django_capture_on_commit_callbacks)
    link = confirmation_link()
    later = time.time() + 2 * 24 * 3600 + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(link)
    assert response.status_code == 400
    assert 'action="/nhan-ban-tin/"' in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.PENDING


def test_a_forged_link_confirms_nothing(client, django_capture_on_commit_callbacks):
    subscribe(client, capture=django_capture_on_commit_callbacks)
    token = Subscriber.objects.get().token
    response = client.post(reverse("subscriptions:confirm", args=[f"{token}:forged"]))
    assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.PENDING


def test_the_confirmation_signature_is_bound_to_its_purpose():
    subscriber = Subscriber(email="a@example.gov.vn")
    token = tokens.confirmation_token(subscriber)
    assert tokens.subscriber_token_of(token) == subscriber.token
    # Another first character, whatever the random secret starts with.
    other = ("y" if subscriber.token[0] == "x" else "x") + subscriber.token[1:]
    with pytest.raises(tokens.InvalidLink):
        tokens.subscriber_token_of(token.replace(subscriber.token, other))


def test_an_address_gets_at_most_three_confirmations_a_day(django_capture_on_commit_callbacks):
    outcomes = []
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            outcomes.append(actions.subscribe(ADDRESS, client=None))
    assert outcomes == [Subscribed.CONFIRMATION_SENT] * 3 + [Subscribed.ADDRESS_LIMITED] * 2
    assert len(mail.outbox) == 3
    tomorrow = timezone.now() + timedelta(days=1, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.subscribe(ADDRESS, now=tomorrow) is Subscribed.CONFIRMATION_SENT


def test_a_client_address_is_limited_per_hour(client, settings, django_capture_on_commit_callbacks):
    settings.SUBSCRIPTIONS_REQUESTS_PER_CLIENT = 2
    statuses = [
        subscribe(client, f"a{n}@example.gov.vn", django_capture_on_commit_callbacks).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
    other = subscribe(
        client, "b@example.gov.vn", django_capture_on_commit_callbacks, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_a_subscribed_address_gets_nothing_and_the_visitor_is_told_the_same(
    client, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(
        email=ADDRESS.lower(), status=Subscriber.CONFIRMED, confirmed_at=timezone.now()
    )
    response = subscribe(client, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:requested")
    assert mail.outbox == []


def test_a_robot_filling_the_hidden_field_gets_nothing_sent(client):
    response = client.post(
        reverse("subscriptions:subscribe"), {"email": ADDRESS, "website": "http://spam"}
    )
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_a_bad_address_shows_the_form_with_the_error(client):
    response = client.post(reverse("subscriptions:subscribe"), {"email": "không phải địa chỉ"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_unconfirmed_addresses_are_deleted_after_the_retention_period(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.subscribe(ADDRESS)
    assert actions.delete_unconfirmed(timezone.now() + timedelta(days=6)) == 0
    assert actions.delete_unconfirmed(timezone.now() + timedelta(days=8)) == 1
    assert not Subscriber.objects.exists()


def test_none_of_the_pages_is_cached(client, settings, django_capture_on_commit_callbacks):
    settings.CCHC_PAGE_CACHE_SECONDS = 300
    for url in (reverse("subscriptions:subscribe"), reverse("subscriptions:requested")):
        response = client.get(url)
        assert "no-cache" in response["Cache-Control"]
        assert client.get(url)["X-Cache"] == "MISS"
