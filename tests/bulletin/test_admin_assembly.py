"""The assembly screen: a preview, then a confirmation whose POST alone publishes."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from bulletin.assembly import EARLY_PUBLICATION, current_week
from bulletin.models import BulletinMembership, BulletinPage, FeedDelivery
from tests.helpers import assert_denied

pytestmark = pytest.mark.django_db

URL = reverse("bulletin_assemble")
CONFIRM_URL = reverse("bulletin_assemble_confirm")
CENTRAL = "gửi về Bản tin điện tử CCHC của Chính phủ"
CENTRAL_URL = "https://ttdt.chinhphu.example.vn/cchc/nhan-ban-tin"
# The cut-off at the very end of each week (Sunday 23:59): the current week's is still ahead.
CUTOFF_AHEAD = override_settings(BULLETIN_SCHEDULE="59 23 * * 0")


def inside(week):
    """A moment inside the week's period: two hours after the previous cut-off."""
    return week.period()[0] + timedelta(hours=2)


def nothing_written():
    return not (
        BulletinPage.objects.exists()
        or FeedDelivery.objects.exists()
        or BulletinMembership.objects.exists()
        or Revision.page_revisions.filter(
            content_type__model="bulletinpage", content_type__app_label="bulletin"
        ).exists()
    )


def preview_of(client, week):
    response = client.get(URL, {"week": str(week)})
    assert response.status_code == 200
    return response


def fingerprint_of(client, week):
    return preview_of(client, week).context["preview"].fingerprint


def confirm(client, week, fingerprint, **fields):
    return client.post(CONFIRM_URL, {"week": str(week), "fingerprint": fingerprint, **fields})


@pytest.fixture
def last_week():
    return current_week().previous()


@pytest.fixture
def two_items(publish_item, last_week):
    return [
        publish_item(inside(last_week), "Một cửa liên thông hiện đại"),
        publish_item(inside(last_week) + timedelta(hours=1), "Số hóa hồ sơ hộ tịch"),
    ]


# --- GET changes nothing --------------------------------------------------------------------


def test_preview_shows_what_will_be_published_and_where_it_goes(
    client, office_user, archive, two_items, last_week
):
    client.force_login(office_user)
    page = preview_of(client, last_week).content.decode()
    assert f"Bản tin CCHC số 1/{last_week.iso_year}" in page
    assert "Một cửa liên thông hiện đại" in page and "Số hóa hồ sơ hộ tịch" in page
    assert two_items[0].topic.name in page  # grouped by topic as the bulletin shows them
    assert "chưa được cấu hình" in page  # no central target: the delivery will be skipped
    assert reverse("bulletin_assemble_confirm") in page
    assert 'id="cycle-health-heading"' in page  # the weekly cycle's health, at the top
    assert nothing_written()


def test_the_page_names_its_week_as_people_write_it(client, office_user, archive, last_week):
    client.force_login(office_user)
    html = preview_of(client, last_week).content.decode()
    header = BeautifulSoup(html, "html.parser").find("header").get_text(" ", strip=True)
    assert last_week.label() in header
    assert str(last_week) not in header  # not the ISO form of the URLs ("2026-W48")


@override_settings(CENTRAL_FEED_URL=CENTRAL_URL, CENTRAL_FEED_SECRET="whsec_dGVzdA==")
def test_preview_names_the_configured_central_target(client, office_user, archive, two_items):
    client.force_login(office_user)
    page = preview_of(client, current_week().previous()).content.decode()
    assert CENTRAL_URL in page


def confirmation_page(client, week):
    fingerprint = fingerprint_of(client, week)
    response = client.get(CONFIRM_URL, {"week": str(week), "fingerprint": fingerprint})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="post"' in page and f'value="{fingerprint}"' in page
    return " ".join(page.split())


@override_settings(CENTRAL_FEED_URL=CENTRAL_URL, CENTRAL_FEED_SECRET="whsec_dGVzdA==")
def test_confirmation_names_bulletin_count_and_delivery_and_changes_nothing(
    client, office_user, archive, two_items, last_week
):
    client.force_login(office_user)
    page = confirmation_page(client, last_week)
    title = f"Bản tin CCHC số 1/{last_week.iso_year}"
    assert f"{title} sẽ được đăng với 2 tin, bài và {CENTRAL} ({CENTRAL_URL})" in page
    assert nothing_written()


def test_confirmation_says_when_delivery_is_not_configured(
    client, office_user, archive, two_items, last_week
):
    client.force_login(office_user)
    page = confirmation_page(client, last_week)
    assert f"Bản tin CCHC số 1/{last_week.iso_year} sẽ được đăng với 2 tin, bài." in page
    assert "chưa được cấu hình" in page and "bỏ qua" in page
    assert nothing_written()


def test_post_to_the_preview_publishes_nothing(client, office_user, archive, two_items, last_week):
    client.force_login(office_user)
    response = client.post(URL, {"week": str(last_week)})
    assert response.status_code == 405
    assert nothing_written()


# --- the confirmation's POST ----------------------------------------------------------------


def test_confirmation_publishes_once_and_queues_one_delivery(
    client, office_user, archive, two_items, last_week
):
    client.force_login(office_user)
    fingerprint = fingerprint_of(client, last_week)
    response = confirm(client, last_week, fingerprint)
    bulletin = BulletinPage.objects.get()
    assert response.status_code == 302
    assert bulletin.live and bulletin.number == 1
    assert sorted(bulletin.item_ids()) == sorted(item.pk for item in two_items)
    assert FeedDelivery.objects.filter(channel=FeedDelivery.CHANNEL_CENTRAL).count() == 1

    again = confirm(client, last_week, fingerprint)  # a second click, or the back button
    assert again.status_code in (200, 302)
    assert BulletinPage.objects.count() == 1
    assert FeedDelivery.objects.filter(channel=FeedDelivery.CHANNEL_CENTRAL).count() == 1


def test_an_issued_week_shows_its_bulletin_and_the_correction_path(
    client, office_user, archive, two_items, last_week
):
    client.force_login(office_user)
    confirm(client, last_week, fingerprint_of(client, last_week))
    bulletin = BulletinPage.objects.get()
    page = preview_of(client, last_week).content.decode()
    assert "đã phát hành" in page
    assert reverse("wagtailadmin_pages:edit", args=[bulletin.pk]) in page
    assert "Đính chính" in page
    assert CONFIRM_URL not in page
    response = client.get(CONFIRM_URL, {"week": str(last_week), "fingerprint": "x"})
    assert response.status_code == 302 and response["Location"].startswith(URL)


def test_changed_items_refuse_and_show_the_new_preview(
    client, office_user, archive, two_items, last_week, publish_item
):
    client.force_login(office_user)
    fingerprint = fingerprint_of(client, last_week)
    publish_item(inside(last_week) + timedelta(hours=3), "Tin vừa được duyệt")  # meanwhile

    shown = client.get(CONFIRM_URL, {"week": str(last_week), "fingerprint": fingerprint})
    assert "Tin vừa được duyệt" in shown.content.decode()
    assert shown.context["preview"].fingerprint != fingerprint

    response = confirm(client, last_week, fingerprint)
    page = response.content.decode()
    assert response.status_code == 200
    assert "đã thay đổi" in page and "Tin vừa được duyệt" in page
    assert nothing_written()


# --- cut-off and future weeks ----------------------------------------------------------------


@CUTOFF_AHEAD
def test_before_the_cutoff_only_an_early_publication_with_a_reason(
    client, office_user, archive, publish_item
):
    week = current_week()
    publish_item(timezone.now() - timedelta(seconds=1), "Tin trong tuần")
    client.force_login(office_user)
    assert "Chưa đến thời hạn tổng hợp" in preview_of(client, week).content.decode()
    fingerprint = fingerprint_of(client, week)

    refused = confirm(client, week, fingerprint)
    assert refused.status_code == 200
    assert "Phát hành sớm" in refused.content.decode()
    assert nothing_written()

    no_reason = confirm(client, week, fingerprint, early="on", reason="  ")
    assert 'id="id_reason-error"' in no_reason.content.decode()
    assert nothing_written()

    reason = "Lãnh đạo Sở chỉ đạo phát hành trước kỳ nghỉ lễ."
    response = confirm(client, week, fingerprint, early="on", reason=reason)
    assert response.status_code == 302
    bulletin = BulletinPage.objects.get()
    assert bulletin.live
    entry = PageLogEntry.objects.get(page=bulletin, action=EARLY_PUBLICATION)
    assert entry.data["reason"] == reason and entry.user == office_user
    history = client.get(reverse("wagtailadmin_pages:history", args=[bulletin.pk]))
    assert reason in history.content.decode()
    assert "Phát hành sớm" in history.content.decode()


def test_a_future_week_is_refused(client, office_user, archive, publish_item):
    publish_item(timezone.now() - timedelta(hours=1), "Tin mới")
    future = current_week().next()
    client.force_login(office_user)

    response = client.get(URL, {"week": str(future)})
    assert response.status_code == 302 and str(future) not in response["Location"]
    response = client.get(CONFIRM_URL, {"week": str(future), "fingerprint": "x"})
    assert response.status_code == 302
    response = confirm(client, future, "x", early="on", reason="Thử phát hành tuần sau")
    assert response.status_code == 302
    assert nothing_written()


def test_week_navigation_stops_at_the_current_week(client, office_user, archive):
    client.force_login(office_user)
    week = current_week()
    page = preview_of(client, week).content.decode()
    assert f"?week={week.previous()}" in page
    assert f"?week={week.next()}" not in page
    assert f"?week={week}" in preview_of(client, week.previous()).content.decode()


# --- who may ---------------------------------------------------------------------------------


ROLES = {
    "editor_a": False,
    "head_a": False,
    "office_user": True,
    "leader": True,
    "superuser": True,
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, client, role, archive, two_items, last_week):
    client.force_login(request.getfixturevalue(role))
    allowed = ROLES[role]
    preview = client.get(URL, {"week": str(last_week)})
    shown = client.get(CONFIRM_URL, {"week": str(last_week), "fingerprint": "x"})
    if allowed:
        assert preview.status_code == 200
        assert shown.status_code == 200  # the new preview: the fingerprint does not match
        fingerprint = preview.context["preview"].fingerprint
    else:
        assert_denied(preview)
        assert_denied(shown)
        fingerprint = "x"
    posted = confirm(client, last_week, fingerprint)
    if allowed:
        assert posted.status_code == 302
        assert BulletinPage.objects.get().live
    else:
        assert_denied(posted)
        assert nothing_written()


def test_button_on_the_archive_page(client, office_user, archive):
    client.force_login(office_user)
    response = client.get(reverse("wagtailadmin_explore", args=[archive.pk]))
    assert URL in response.content.decode()


def test_bad_week_is_reported_not_crashing(client, office_user, archive):
    client.force_login(office_user)
    response = client.get(URL, {"week": "tuần 48"}, follow=True)
    assert response.status_code == 200
