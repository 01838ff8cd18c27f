"""A visitor subscribes to the bulletin from a cached bulletin page, confirms, narrows the
choice on the preferences page, reads the bulletin e-mail and leaves with its unsubscribe
link: in a real browser, desktop and phone."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from subscriptions.emails import BulletinEmail
from subscriptions.models import BulletinMailing, Subscriber

from .artifacts import ARTIFACTS, assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADDRESS = "nguoi.dan@example.gov.vn"
CONFIRMATION = re.compile(r"https?://\S+/nhan-ban-tin/xac-nhan/\S+/")


@pytest.fixture
def links_to_the_live_server(settings, live_server):
    settings.WAGTAILADMIN_BASE_URL = live_server.url


def subscribe_on(page, url, name):
    page.goto(url)
    page.goto(url)  # the second visit is served from the page cache
    form = page.locator("section.subscribe")
    expect(form.locator("#subscribe-privacy")).to_contain_text("13/2023")
    screenshot(page, f"subscription-{name}-form")
    form.get_by_label(re.compile("e-mail|thư điện tử", re.I)).fill(ADDRESS)
    form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/nhan-ban-tin/da-gui/$"))
    assert_accessible(page, f"subscription-{name}-requested")


def confirm_from_the_email(page, name):
    [link] = CONFIRMATION.findall(mail.outbox[-1].body)
    page.goto(link)
    assert Subscriber.objects.get(email=ADDRESS).status == Subscriber.PENDING
    page.locator("main form").get_by_role("button").click()
    assert Subscriber.objects.get(email=ADDRESS).is_confirmed
    assert_accessible(page, f"subscription-{name}-confirmed")


def choose_an_agency_on_the_preferences_page(page, portal, name):
    page.get_by_role("link", name=re.compile("Đổi chủ đề|Change the topics")).click()
    page.get_by_label(portal.agency_a.name, exact=True).check()
    assert_accessible(page, f"subscription-{name}-preferences")
    page.locator("main form").first.get_by_role("button").click()
    expect(page.locator("main [role=status]")).to_be_visible()
    assert list(Subscriber.objects.get(email=ADDRESS).agencies.all()) == [portal.agency_a]


def open_the_bulletin_email(page, bulletin, name):
    email = BulletinEmail(BulletinMailing(bulletin=bulletin))
    message = email.message_for(Subscriber.objects.get(email=ADDRESS))
    path = ARTIFACTS / "emails" / f"bulletin-{name}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(message.alternatives[0][0])
    page.goto(path.as_uri())
    screenshot(page, f"subscription-{name}-email")
    return message


@pytest.mark.parametrize("device", ["page", "mobile_page"])
def test_subscribe_confirm_read_and_leave(
    device, request, portal, live_server, links_to_the_live_server
):
    page = request.getfixturevalue(device)
    name = "mobile" if device == "mobile_page" else "desktop"
    subscribe_on(page, portal.bulletin.url, name)
    confirm_from_the_email(page, name)
    choose_an_agency_on_the_preferences_page(page, portal, name)
    message = open_the_bulletin_email(page, portal.bulletin, name)
    expect(page.get_by_role("link", name=portal.featured.title)).to_be_visible()
    page.locator("a", has_text=re.compile("Hủy đăng ký|Unsubscribe")).click()
    expect(page).to_have_url(message.extra_headers["List-Unsubscribe"].strip("<>"))
    page.locator("main form").get_by_role("button").click()
    expect(page.locator("main [role=status]")).to_be_visible()
    assert not Subscriber.objects.filter(email=ADDRESS).exists()


def test_the_archive_offers_the_form_too(page, portal):
    page.goto(portal.archive.url)
    expect(page.locator("section.subscribe form")).to_have_attribute("action", "/nhan-ban-tin/")
    assert_accessible(page, "subscription-archive")


@pytest.mark.parametrize("device", ["page", "mobile_page"])
def test_choosing_topics_on_the_forms_own_page(device, request, portal):
    page = request.getfixturevalue(device)
    name = "mobile" if device == "mobile_page" else "desktop"
    page.goto(portal.bulletin.url)
    page.locator("section.subscribe .subscribe__more a").click()
    page.get_by_label(portal.results.name).check()
    page.locator("#subscribe-email").fill(ADDRESS)
    screenshot(page, f"subscription-{name}-topics")
    assert_accessible(page, f"subscription-{name}-topics")
    page.locator("main form").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/nhan-ban-tin/da-gui/$"))
    assert list(Subscriber.objects.get(email=ADDRESS).topics.all()) == [portal.results]
