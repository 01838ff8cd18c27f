"""Withdrawing a published news item ("Gỡ tin"): a required reason, who may, and what follows.

The item leaves the portal (listings, feeds, search, sitemap, its file), its URL answers
410 Gone with a public notice (title, date, reason), the history keeps the reason, and the
bulletin app is told through the `item_withdrawn` signal. Wagtail's own unpublish paths
(the action menu, the listing and header buttons, its URL, bulk unpublish) lead here instead
of taking the item down without a reason.
"""

import re
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.admin.ui.menus.pages import get_page_header_buttons
from wagtail.models import PageLogEntry, PageViewRestriction

from cchc_news.models import NewsItemPage, Withdrawal
from cchc_news.signals import item_withdrawn
from cchc_news.withdrawal.actions import withdraw
from tests.factories import TopicFactory
from tests.files import make_pdf
from tests.helpers import assert_denied
from tests.workflows.builders import draft_item, make_document

pytestmark = pytest.mark.django_db

MARKER = "Zyqwerta"
TITLE = f"Phường Bến Thành thí điểm một cửa {MARKER}"
REASON = "Số liệu trong tin chưa được đơn vị xác nhận; sẽ đăng lại sau khi kiểm tra."
WITHDRAW = "cchc_news.withdraw"


@pytest.fixture
def topic(db):
    return TopicFactory(name="Một cửa")


@pytest.fixture
def head_b(make_user, agency_b):
    return make_user("head_b", agency_b.heads_group)


def published_item(agency, owner, publisher, topic, **fields):
    document = make_document(make_pdf(), "ban-goc.pdf", agency, user=owner)
    fields.setdefault("title", TITLE)
    item = draft_item(agency, owner, topic=topic, original_file=document, **fields)
    item.get_latest_revision().publish(user=publisher)
    return NewsItemPage.objects.get(pk=item.pk)


@pytest.fixture
def item(agency_a, editor_a, office_user, topic):
    return published_item(agency_a, editor_a, office_user, topic)


@pytest.fixture
def sent():
    """The item_withdrawn signals sent during the test, as dicts of their arguments."""
    calls = []

    def receive(sender, **kwargs):
        calls.append({"sender": sender, **kwargs})

    item_withdrawn.connect(receive, dispatch_uid="tests.withdrawal.receive")
    yield calls
    item_withdrawn.disconnect(dispatch_uid="tests.withdrawal.receive")


def withdraw_url(page):
    return reverse("cchc_news_withdraw", args=(page.pk,))


def refreshed(page):
    return NewsItemPage.objects.get(pk=page.pk)


def withdraw_through_admin(client, user, page, reason=REASON):
    client.force_login(user)
    return client.post(withdraw_url(page), {"reason": reason})


def messages_of(client, response):
    followed = client.get(response["Location"])
    return [str(message) for message in followed.context["messages"]]


# The domain function -------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_withdrawing_needs_a_reason(item, office_user, sent, reason):
    with pytest.raises(ValidationError):
        withdraw(item, reason, office_user)

    assert refreshed(item).live
    assert not Withdrawal.objects.exists()
    assert not PageLogEntry.objects.filter(action__in=[WITHDRAW, "wagtail.unpublish"]).exists()
    assert sent == []


def test_an_item_that_is_not_live_cannot_be_withdrawn(agency_a, editor_a, office_user, sent):
    draft = draft_item(agency_a, editor_a, title="Bản nháp")
    with pytest.raises(ValidationError):
        withdraw(draft, REASON, office_user)
    assert not Withdrawal.objects.exists()
    assert sent == []


def test_withdrawing_is_refused_to_who_may_not_unpublish(item, head_a, sent):
    with pytest.raises(PermissionDenied):
        withdraw(item, REASON, head_a)
    assert refreshed(item).live
    assert not Withdrawal.objects.exists()
    assert sent == []


def test_withdrawing_unpublishes_records_logs_and_tells_the_bulletin(item, office_user, sent):
    before = timezone.now()
    withdrawal = withdraw(item, f"  {REASON}  ", office_user)

    item = refreshed(item)
    assert not item.live
    assert withdrawal == Withdrawal.objects.get(item=item)
    assert withdrawal.reason == REASON
    assert withdrawal.withdrawn_by == office_user
    assert withdrawal.withdrawn_at >= before
    # Wagtail's own unpublish ran (its history entry) and ours keeps the reason.
    assert PageLogEntry.objects.filter(page=item, action="wagtail.unpublish").count() == 1
    entry = PageLogEntry.objects.get(page=item, action=WITHDRAW)
    assert entry.data["reason"] == REASON
    assert entry.user == office_user
    # Sent once, after the item was unpublished.
    assert len(sent) == 1
    assert sent[0]["sender"] is NewsItemPage
    assert sent[0]["item"].pk == item.pk and not sent[0]["item"].live
    assert sent[0]["reason"] == REASON
    assert sent[0]["user"] == office_user


def test_a_failing_receiver_undoes_the_withdrawal(item, office_user):
    """One transaction: a bulletin correction that fails leaves the item live."""

    def fail(sender, **kwargs):
        raise RuntimeError("correction failed")

    item_withdrawn.connect(fail, dispatch_uid="tests.withdrawal.fail")
    try:
        with pytest.raises(RuntimeError):
            withdraw(item, REASON, office_user)
    finally:
        item_withdrawn.disconnect(dispatch_uid="tests.withdrawal.fail")
    assert refreshed(item).live
    assert not Withdrawal.objects.exists()
    assert not PageLogEntry.objects.filter(page=item, action=WITHDRAW).exists()


def test_republishing_removes_the_notice(client, item, office_user):
    withdraw_through_admin(client, office_user, item)
    assert Client().get(item.url).status_code == 410

    refreshed(item).get_latest_revision().publish(user=office_user)

    assert not Withdrawal.objects.exists()
    response = Client().get(item.url)
    assert response.status_code == 200
    assert REASON not in unescape(response.content.decode())


# Who may withdraw: role × agency of the item ---------------------------------------------

ROLES = ["editor_a", "head_a", "editor_b", "head_b", "office_user", "leader", "superuser"]
ALLOWED = {"office_user", "leader", "superuser"}


@pytest.mark.parametrize("item_agency", ["agency_a", "agency_b"])
@pytest.mark.parametrize("role", ROLES)
def test_who_may_withdraw(request, client, role, item_agency, office_user, topic, sent):
    agency = request.getfixturevalue(item_agency)
    owner = request.getfixturevalue("editor_a" if item_agency == "agency_a" else "editor_b")
    page = published_item(agency, owner, office_user, topic)
    user = request.getfixturevalue(role)
    client.force_login(user)

    form = client.get(withdraw_url(page))
    response = client.post(withdraw_url(page), {"reason": REASON})

    if role in ALLOWED:
        assert form.status_code == 200
        assert response.status_code == 302
        assert not refreshed(page).live
        assert Withdrawal.objects.get(item=page).withdrawn_by == user
        assert len(sent) == 1
    else:
        assert_denied(form)
        assert_denied(response)
        assert refreshed(page).live
        assert not Withdrawal.objects.exists()
        assert sent == []


# The admin view ---------------------------------------------------------------------


def test_the_form_names_the_item_and_says_what_will_happen(client, office_user, item):
    client.force_login(office_user)
    response = client.get(withdraw_url(item))
    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert TITLE in content
    assert re.search(r'<textarea[^>]*name="reason"[^>]*required', content)
    assert "Gỡ tin" in content
    # What follows: it leaves the portal, feeds and search; a bulletin gets a correction.
    assert "tìm kiếm" in content
    assert "đính chính" in content.lower()


def test_an_empty_reason_is_refused_by_the_form(client, office_user, item, sent):
    response = withdraw_through_admin(client, office_user, item, reason="   ")
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert refreshed(item).live
    assert sent == []


def test_withdrawing_through_the_admin_says_so(client, office_user, item):
    response = withdraw_through_admin(client, office_user, item)
    assert response.status_code == 302
    assert any(TITLE in message for message in messages_of(client, response))


def test_an_item_already_withdrawn_is_not_withdrawn_twice(client, office_user, item, sent):
    withdraw_through_admin(client, office_user, item)
    again = withdraw_through_admin(client, office_user, item, reason="Lý do khác")
    assert again.status_code == 302  # back to the item, with a message
    assert Withdrawal.objects.get(item=item).reason == REASON
    assert len(sent) == 1


def test_the_history_shows_the_reason(client, office_user, item):
    withdraw_through_admin(client, office_user, item)
    history = client.get(reverse("wagtailadmin_pages:history", args=(item.pk,)))
    assert history.status_code == 200
    content = history.content.decode()
    assert escape(REASON) in content
    assert "Gỡ tin" in content


# Wagtail's own unpublish cannot bypass the reason -------------------------------------------


def test_the_action_menu_offers_withdraw_instead_of_unpublish(client, office_user, item):
    client.force_login(office_user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(item.pk,)))
    menu = response.context["action_menu"]
    names = [entry.name for entry in [menu.default_item, *menu.menu_items]]
    assert "action-withdraw" in names
    assert "action-unpublish" not in names
    assert f'href="{withdraw_url(item)}"' in menu.render_html()


def test_the_explorer_listing_offers_withdraw_instead_of_unpublish(
    client, office_user, item, agency_a
):
    client.force_login(office_user)
    response = client.get(reverse("wagtailadmin_explore", args=(agency_a.index_page.pk,)))
    content = response.content.decode()
    assert withdraw_url(item) in content
    assert reverse("wagtailadmin_pages:unpublish", args=(item.pk,)) not in content


def test_the_page_header_offers_withdraw(office_user, item):
    urls = [button.url for button in get_page_header_buttons(item, office_user, None, "edit")]
    assert withdraw_url(item) in urls


def test_the_withdraw_buttons_are_not_offered_to_agency_editors(client, editor_a, item):
    client.force_login(editor_a)
    content = client.get(reverse("wagtailadmin_pages:edit", args=(item.pk,))).content.decode()
    assert withdraw_url(item) not in content
    urls = [button.url for button in get_page_header_buttons(item, editor_a, None, "edit")]
    assert withdraw_url(item) not in urls


def test_wagtails_unpublish_url_leads_to_withdraw(client, office_user, item, sent):
    client.force_login(office_user)
    url = reverse("wagtailadmin_pages:unpublish", args=(item.pk,))

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"].startswith(withdraw_url(item))
    assert refreshed(item).live
    assert not PageLogEntry.objects.filter(page=item, action="wagtail.unpublish").exists()
    assert sent == []


def bulk_unpublish_url(*pages, next_url="/admin/"):
    ids = "&".join(f"id={page.pk}" for page in pages)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
    return f"{url}?{ids}&next={next_url}"


def test_news_items_cannot_be_unpublished_in_bulk(
    client, office_user, item, agency_a, editor_a, topic, sent
):
    other = published_item(agency_a, editor_a, office_user, topic, slug="tin-thu-hai")
    client.force_login(office_user)

    response = client.post(bulk_unpublish_url(item, other), {"include_descendants": ""})

    assert response.status_code == 302
    assert refreshed(item).live and refreshed(other).live
    assert not PageLogEntry.objects.filter(action="wagtail.unpublish").exists()
    assert any("hàng loạt" in message for message in messages_of(client, response))
    assert sent == []


def test_unpublishing_an_agency_index_with_its_items_is_refused(
    client, office_user, item, agency_a, sent
):
    """Taking the agency's space down with its descendants would take the item without a reason."""
    client.force_login(office_user)
    index = agency_a.index_page
    url = reverse("wagtailadmin_pages:unpublish", args=(index.pk,))

    response = client.post(url, {"include_descendants": "on"})

    assert response.status_code == 302
    assert refreshed(item).live
    assert sent == []


# The public side --------------------------------------------------------------------------


def public_urls(section, agency, topic, item):
    """Every public place where the live item shows."""
    return [
        section.url,
        agency.index_page.url,
        section.url + "tin-bai/",
        section.url + f"tin-bai/?agency={agency.code}&topic={topic.slug}",
        section.url + f"tim-kiem/?q={MARKER.lower()}",
        "/feeds/tin-bai.atom",
        "/feeds/tin-bai.json",
        f"/feeds/don-vi/{agency.code}.atom",
        f"/feeds/chu-de/{topic.slug}.atom",
        "/sitemap.xml",
    ]


def test_the_withdrawn_item_leaves_every_public_place(
    client, section, agency_a, topic, item, office_user
):
    urls = public_urls(section, agency_a, topic, item)
    visitor = Client()
    for url in urls:  # linked there, and cached (the page cache is on, as in production)
        assert item.url in visitor.get(url).content.decode(), url
    assert visitor.get(section.url)["X-Cache"] == "HIT"

    withdraw_through_admin(client, office_user, item)

    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert response["X-Cache"] != "HIT", url  # purged, not served stale
        assert item.url not in response.content.decode(), url
        assert TITLE not in unescape(response.content.decode()), url


def test_the_original_file_is_no_longer_served(client, office_user, item):
    document = item.original_file
    assert Client().get(document.url).status_code == 200

    withdraw_through_admin(client, office_user, item)

    assert Client().get(document.url).status_code == 404


def test_the_items_url_shows_a_public_notice(client, office_user, item, section):
    visitor = Client()
    assert visitor.get(item.url).status_code == 200  # cached by the page cache
    withdraw_through_admin(client, office_user, item)
    withdrawal = Withdrawal.objects.get(item=item)

    response = visitor.get(item.url)

    # 410 Gone: the item existed and was taken down on purpose (see NewsItemPage.serve).
    assert response.status_code == 410
    assert response.get("X-Cache") != "HIT"
    content = unescape(response.content.decode())
    assert TITLE in content
    assert REASON in content
    local = timezone.localtime(withdrawal.withdrawn_at)
    assert local.strftime("%d/%m/%Y") in content
    assert re.search(r'<meta name="robots" content="noindex', content)
    assert response["X-Robots-Tag"] == "noindex"
    assert f'href="{section.url}"' in content
    # Nothing of the withdrawn content itself: neither its summary nor its file.
    assert item.summary not in content
    assert item.original_file.url not in content
    # Not stored by the page cache: every visitor gets it from the database.
    assert visitor.get(item.url).get("X-Cache") != "HIT"


def test_the_notice_answers_head_too(client, office_user, item):
    withdraw_through_admin(client, office_user, item)
    assert Client().head(item.url).status_code == 410


def test_editors_still_preview_a_withdrawn_item(client, office_user, item):
    """The notice is for the item's public address only, not for the admin's previews."""
    withdraw_through_admin(client, office_user, item)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(item.pk,)))
    assert response.status_code == 200
    assert item.summary in unescape(response.content.decode())


def test_an_item_merely_unpublished_is_still_not_found(item):
    """Only a withdrawal (with its reason) shows a notice; Wagtail's expiry stays a 404."""
    refreshed(item).unpublish()
    assert Client().get(item.url).status_code == 404


def test_a_private_withdrawn_item_shows_no_notice_to_visitors(client, office_user, item):
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    withdraw_through_admin(client, office_user, item)
    response = Client().get(item.url)
    assert response.status_code == 302  # to the login page, as for any private page
    assert REASON not in response.content.decode()
