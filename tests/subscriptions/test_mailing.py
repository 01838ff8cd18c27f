"""An issued bulletin goes to each confirmed subscriber once, with a one-click unsubscribe."""

import pytest
from django.core import mail
from django.urls import reverse

from bulletin import corrections
from subscriptions.models import BulletinMailing, MailingRecipient, Subscriber

from .conftest import links_in

pytestmark = pytest.mark.django_db


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_each_confirmed_subscriber_gets_the_bulletin_once(make_subscribers, issue):
    addresses = make_subscribers(3)
    Subscriber.objects.create(email="chua-xac-nhan@example.gov.vn")  # pending: nothing
    bulletin = issue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(addresses)
    message = mail.outbox[0]
    assert message.subject == bulletin.title
    html = html_of(message)
    assert "Đồng Nai: một cửa liên thông" in html and "Đồng Nai: một cửa liên thông" in message.body
    assert f"{bulletin.url}pdf/" in html and f"{bulletin.url}pdf/" in message.body
    [mailing] = BulletinMailing.objects.with_counts()
    assert (mailing.recipient_count, mailing.sent_count, mailing.failed_count) == (3, 3, 0)


def test_headers_carry_the_recipients_own_one_click_unsubscribe(make_subscribers, issue):
    make_subscribers(2)
    issue()
    for message in mail.outbox:
        subscriber = Subscriber.objects.get(email=message.to[0])
        path = reverse("subscriptions:unsubscribe", args=[subscriber.token])
        url = f"http://127.0.0.1:8000{path}"
        assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["List-Id"].startswith("<ban-tin-cchc.")
        assert url in html_of(message) and links_in(message.body) == [url]


def test_a_configured_mailbox_adds_a_mailto_beside_the_one_click_url(
    make_subscribers, issue, settings
):
    settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO = "huy-dang-ky@example.gov.vn"
    make_subscribers(1)
    issue()
    [message] = mail.outbox
    token = Subscriber.objects.get().token
    url = "http://127.0.0.1:8000" + reverse("subscriptions:unsubscribe", args=[token])
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<{url}>, <mailto:huy-dang-ky@example.gov.vn?subject=unsubscribe%20{token}>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_publishing_again_sends_nothing_more(
    make_subscribers, issue, django_capture_on_commit_callbacks
):
    make_subscribers(2)
    bulletin = issue()
    with django_capture_on_commit_callbacks(execute=True):
        bulletin.save_revision().publish()
    assert len(mail.outbox) == 2 and BulletinMailing.objects.count() == 1


def test_a_correction_is_mailed_as_its_own_issue(
    make_subscribers, issue, items, django_capture_on_commit_callbacks
):
    make_subscribers(2)
    bulletin = issue()
    with django_capture_on_commit_callbacks(execute=True):
        correction = corrections.publish_correction(
            bulletin, "Gỡ tin trùng lặp", None, corrections.without_item(items[0].pk)
        )
    assert BulletinMailing.objects.filter(correction=correction).exists()
    corrected = mail.outbox[2:]
    assert len(corrected) == 2
    # “Đính chính: …” once the catalogue has it (the coordinator applies the translations).
    assert corrected[0].subject.endswith(f": {bulletin.title}")
    assert "Gỡ tin trùng lặp" in html_of(corrected[0])
    assert "Đồng Nai: một cửa liên thông" not in corrected[0].body


def test_one_click_post_unsubscribes_without_login_and_deletes_the_address(
    client, make_subscribers, issue
):
    make_subscribers(1)
    issue()
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert MailingRecipient.objects.get().email.status == "sent"  # still counted
    assert client.post(url).status_code == 200  # a second click is no error


def test_opening_the_unsubscribe_link_only_shows_the_button(client, make_subscribers, issue):
    make_subscribers(1)
    issue()
    [link] = links_in(mail.outbox[0].body)
    response = client.get(link)
    assert response.status_code == 200 and "<form" in response.content.decode()
    assert Subscriber.objects.count() == 1


def test_leaving_before_the_e_mail_is_sent_cancels_it(
    make_subscribers, issue, django_capture_on_commit_callbacks, monkeypatch
):
    from subscriptions import actions, mailing

    make_subscribers(2)
    monkeypatch.setattr(mailing, "send_outbox", lambda: (0, 0))  # written, not yet sent
    issue()
    leaving = Subscriber.objects.order_by("pk").first()
    assert actions.unsubscribe(leaving.token)
    monkeypatch.undo()
    mailing.send_outbox()
    assert [m.to[0] for m in mail.outbox] == [Subscriber.objects.get().email]
    [counted] = BulletinMailing.objects.with_counts()
    assert (counted.recipient_count, counted.sent_count) == (1, 1)


def test_the_archive_and_the_bulletin_show_the_form_without_a_csrf_token(client, issue):
    bulletin = issue()
    for page in (bulletin, bulletin.get_parent()):
        html = client.get(page.url).content.decode()
        assert 'action="/nhan-ban-tin/"' in html
        assert "csrfmiddlewaretoken" not in html
        assert "Nghị định 13/2023/NĐ-CP" in html or "Decree 13/2023" in html


def test_the_tick_sends_a_mailing_whose_task_never_ran(make_subscribers, items):
    from bulletin.assembly import assemble
    from bulletin.weeks import Week
    from cchc_news.scheduler import tick

    make_subscribers(2)
    assemble(Week(2026, 48))  # its commit callbacks never run: as if the broker were down
    assert mail.outbox == [] and BulletinMailing.objects.count() == 1
    tick()
    assert len(mail.outbox) == 2
    tick()
    assert len(mail.outbox) == 2
