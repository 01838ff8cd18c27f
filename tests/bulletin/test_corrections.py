"""Correcting an issued bulletin ("Đính chính"): opening with a reason, cancelling, showing it,
and the automatic correction when one of its items is withdrawn ("Gỡ tin")."""

import io
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import rich_text

from bulletin.assembly import assemble
from bulletin.models import BulletinCorrection, BulletinPage, FeedDelivery
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from cchc_news.signals import item_withdrawn
from tests.helpers import assert_denied

from .conftest import local
from .editing import post_editor

pytestmark = pytest.mark.django_db

REASON = "Bổ sung ghi chú của Phòng CCHC cho tin của Sở Tư pháp"
MAY_CORRECT = {"editor_a": False, "head_a": False, "office_user": True, "leader": True}


@pytest.fixture
def items(archive, publish_item):
    return [
        publish_item(local(2026, 11, 23, 9, 0), "Đồng Nai: một cửa liên thông"),
        publish_item(local(2026, 11, 24, 9, 0), "Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo"),
    ]


@pytest.fixture
def issued(items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return assemble(Week(2026, 48)).bulletin


@pytest.fixture
def draft(items, settings):
    settings.BULLETIN_AUTO_PUBLISH = False
    return assemble(Week(2026, 48)).bulletin


def role(request, name):
    return request.getfixturevalue("superuser" if name == "superuser" else name)


def open_url(bulletin):
    return reverse("bulletin_correction_open", args=[bulletin.pk])


def cancel_url(bulletin):
    return reverse("bulletin_correction_cancel", args=[bulletin.pk])


def corrections(bulletin):
    return list(BulletinCorrection.objects.filter(bulletin=bulletin))


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def today():
    return timezone.localdate().strftime("%d/%m/%Y")


# --- opening and cancelling -----------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_opening_requires_a_reason(client, office_user, issued, reason):
    client.force_login(office_user)
    response = client.post(open_url(issued), {"reason": reason})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    assert corrections(issued) == []


@pytest.mark.parametrize("name", [*MAY_CORRECT, "superuser"])
def test_who_may_open_a_correction(request, client, issued, name):
    client.force_login(role(request, name))
    allowed = MAY_CORRECT.get(name, True)
    form = client.get(open_url(issued))
    response = client.post(open_url(issued), {"reason": REASON})
    if allowed:
        assert form.status_code == 200 and 'name="reason"' in form.content.decode()
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[issued.pk])
        [correction] = corrections(issued)
        assert (
            correction.reason == REASON
            and correction.opened_by.username == role(request, name).username
        )
        assert issued.open_correction() == correction
    else:
        assert_denied(form)
        assert_denied(response)
        assert corrections(issued) == []


@pytest.mark.parametrize("name", [*MAY_CORRECT, "superuser"])
def test_who_may_cancel_a_correction(request, client, office_user, issued, name):
    BulletinCorrection.objects.create(bulletin=issued, reason=REASON, opened_by=office_user)
    client.force_login(role(request, name))
    response = client.post(cancel_url(issued))
    [correction] = corrections(issued)
    if MAY_CORRECT.get(name, True):
        assert response.status_code == 302
        assert correction.cancelled_at is not None and issued.open_correction() is None
        assert PageLogEntry.objects.filter(
            page=issued, action="bulletin.correction.cancel"
        ).exists()
    else:
        assert_denied(response)
        assert correction.cancelled_at is None


def test_opening_is_refused_when_one_is_open_or_the_bulletin_is_not_issued(
    client, office_user, issued, publish_item, settings
):
    client.force_login(office_user)
    client.post(open_url(issued), {"reason": REASON})
    response = client.post(open_url(issued), {"reason": "Lần thứ hai"}, follow=True)
    assert "đang được đính chính" in response.content.decode()
    assert [c.reason for c in corrections(issued)] == [REASON]

    publish_item(local(2026, 11, 16, 9, 0), "Tin tuần trước, chưa vào bản tin nào")
    settings.BULLETIN_AUTO_PUBLISH = False
    draft = assemble(Week(2026, 47)).bulletin
    response = client.post(open_url(draft), {"reason": REASON}, follow=True)
    assert "chưa phát hành" in response.content.decode()
    assert corrections(draft) == []


def test_cancel_is_a_post(client, office_user, issued):
    BulletinCorrection.objects.create(bulletin=issued, reason=REASON, opened_by=office_user)
    client.force_login(office_user)
    page = client.get(cancel_url(issued))
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert issued.open_correction() is not None


def test_opening_is_logged_with_its_reason_in_the_history(client, office_user, issued):
    client.force_login(office_user)
    client.post(open_url(issued), {"reason": REASON})
    [entry] = PageLogEntry.objects.filter(page=issued, action="bulletin.correction.open")
    assert entry.data["reason"] == REASON and entry.user == office_user
    history = client.get(reverse("wagtailadmin_pages:history", args=[issued.pk]))
    assert REASON in history.content.decode()
    assert "Mở đính chính" in history.content.decode()


def test_cancelling_leaves_the_live_bulletin_and_no_stale_draft(client, office_user, issued, items):
    client.force_login(office_user)
    client.post(open_url(issued), {"reason": REASON})
    response = post_editor(
        client, issued, items[:1], None, intro=rich_text("<p>Bản nháp bỏ dở</p>")
    )
    assert response.status_code == 302
    assert BulletinPage.objects.get(pk=issued.pk).get_latest_revision_as_object().item_ids() == [
        items[0].pk
    ]

    client.post(cancel_url(issued))

    page = BulletinPage.objects.get(pk=issued.pk)
    assert "Bản nháp bỏ dở" not in page.intro and page.item_ids() == [i.pk for i in items]
    assert not page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    assert latest.intro == page.intro and latest.item_ids() == page.item_ids()
    # The next correction starts from what is published.
    client.post(open_url(issued), {"reason": "Lần sau"})
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[issued.pk])).content.decode()
    assert "Bản nháp bỏ dở" not in editor


@pytest.mark.parametrize("name", [*MAY_CORRECT, "superuser"])
def test_the_correction_button_is_shown_to_those_who_may_correct(request, client, issued, name):
    client.force_login(role(request, name))
    allowed = MAY_CORRECT.get(name, True)
    if allowed:
        editor = client.get(reverse("wagtailadmin_pages:edit", args=[issued.pk]))
        assert open_url(issued) in editor.content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=[issued.get_parent().pk]))
    assert (open_url(issued) in listing.content.decode()) is allowed


def test_no_correction_button_on_a_draft_bulletin(client, office_user, draft):
    client.force_login(office_user)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert open_url(draft) not in editor


def test_an_open_correction_offers_its_cancel_button(client, office_user, issued):
    client.force_login(office_user)
    client.post(open_url(issued), {"reason": REASON})
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[issued.pk])).content.decode()
    assert cancel_url(issued) in editor


# --- showing it ----------------------------------------------------------------------------


@pytest.fixture
def corrected(client, office_user, issued, items, django_capture_on_commit_callbacks):
    client.force_login(office_user)
    client.post(open_url(issued), {"reason": REASON})
    with django_capture_on_commit_callbacks(execute=True):
        response = post_editor(client, issued, items[:1], "action-publish")
    assert response.status_code == 302
    client.logout()
    return BulletinPage.objects.get(pk=issued.pk)


def test_the_public_bulletin_shows_each_correction(client, corrected):
    html = client.get(corrected.url).content.decode()
    assert f"Đính chính ngày {today()}: {REASON}" in text_of(html)
    assert 'role="note"' in html


def test_the_pdf_shows_each_correction(client, corrected):
    response = client.get(corrected.url + "pdf/")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert f"Đính chính ngày {today()}" in text and REASON in text


def test_an_uncorrected_bulletin_shows_no_correction(client, issued):
    assert "Đính chính" not in client.get(issued.url).content.decode()


# --- withdrawal of an item ----------------------------------------------------------------


def withdraw(item, user, reason, capture):
    """What helper C's "Gỡ tin" does: unpublish, then tell the apps, in one transaction."""
    with capture(execute=True), transaction.atomic():
        item = NewsItemPage.objects.get(pk=item.pk)
        item.unpublish()  # C checks who may withdraw; the bulletin must not care who did
        item_withdrawn.send(sender=NewsItemPage, item=item, reason=reason, user=user)


WITHDRAWAL = "Số liệu trong tin chưa chính xác"


def test_withdrawing_an_item_corrects_its_issued_bulletin(
    issued, items, head_a, django_capture_on_commit_callbacks
):
    withdraw(items[1], head_a, WITHDRAWAL, django_capture_on_commit_callbacks)

    page = BulletinPage.objects.get(pk=issued.pk)
    assert page.item_ids() == [items[0].pk] and not page.has_unpublished_changes
    [correction] = corrections(issued)
    assert correction.reason == f"Gỡ tin “{items[1].title}”: {WITHDRAWAL}"
    assert correction.published_at is not None
    assert PageLogEntry.objects.filter(page=issued, action="bulletin.correction.publish").exists()
    deliveries = FeedDelivery.objects.filter(channel=FeedDelivery.CHANNEL_CENTRAL)
    [delivery] = deliveries.filter(correction=correction)
    assert delivery.payload["type"] == "bulletin.corrected"
    assert delivery.payload["data"]["correction"]["reason"] == correction.reason
    assert deliveries.count() == 2


def test_withdrawing_during_an_open_correction_keeps_the_office_draft(
    client, office_user, issued, items, head_a, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    client.post(open_url(issued), {"reason": REASON})
    response = post_editor(
        client, issued, items, None, intro=rich_text("<p>Đang sửa lời giới thiệu</p>")
    )
    assert response.status_code == 302, response.content.decode()[-3000:]

    withdraw(items[1], head_a, WITHDRAWAL, django_capture_on_commit_callbacks)

    page = BulletinPage.objects.get(pk=issued.pk)
    assert page.item_ids() == [items[0].pk]  # published at once, without the office's draft
    assert "Đang sửa" not in page.intro
    manual = page.open_correction()
    assert manual is not None and manual.reason == REASON  # still open
    draft = page.get_latest_revision_as_object()
    assert "Đang sửa lời giới thiệu" in draft.intro and draft.item_ids() == [items[0].pk]
    assert FeedDelivery.objects.filter(correction__reason__startswith="Gỡ tin").count() == 1


def test_withdrawing_an_item_of_a_draft_bulletin_just_drops_its_entry(
    draft, items, head_a, django_capture_on_commit_callbacks
):
    withdraw(items[1], head_a, WITHDRAWAL, django_capture_on_commit_callbacks)

    page = BulletinPage.objects.get(pk=draft.pk)
    assert not page.live and not page.is_issued()
    assert page.get_latest_revision_as_object().item_ids() == [items[0].pk]
    assert corrections(draft) == []
    assert not FeedDelivery.objects.filter(channel=FeedDelivery.CHANNEL_CENTRAL).exists()


def test_withdrawing_an_item_in_no_bulletin_changes_nothing(
    items, head_a, django_capture_on_commit_callbacks
):
    withdraw(items[0], head_a, WITHDRAWAL, django_capture_on_commit_callbacks)
    assert not BulletinCorrection.objects.exists() and not FeedDelivery.objects.exists()


def test_the_listing_buttons_cost_no_query_per_bulletin(client, office_user, archive, publish_item):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("wagtailadmin_explore", args=[archive.pk]))
        assert response.status_code == 200
        return len(captured)

    client.force_login(office_user)
    publish_item(local(2026, 11, 9, 9, 0), "Tin tuần 46")
    assemble(Week(2026, 46))
    with_one = queries()
    for week, day in ((47, 16), (48, 23)):
        publish_item(local(2026, 11, day, 9, 0), f"Tin tuần {week}")
        assemble(Week(2026, week))
    assert queries() == with_one


def test_a_page_seen_before_the_correction_shows_it_after(
    client, office_user, issued, items, django_capture_on_commit_callbacks
):
    assert "Đính chính" not in client.get(issued.url).content.decode()  # now in the page cache
    assert client.get(issued.url + "pdf/").status_code == 200  # and in the PDF cache
    editor = client.__class__()
    editor.force_login(office_user)
    editor.post(open_url(issued), {"reason": REASON})
    with django_capture_on_commit_callbacks(execute=True):
        post_editor(editor, issued, items[:1], "action-publish")

    shown = text_of(client.get(issued.url).content.decode())
    assert f"Đính chính ngày {today()}: {REASON}" in shown
    pdf = PdfReader(io.BytesIO(client.get(issued.url + "pdf/").content))
    assert REASON in " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
