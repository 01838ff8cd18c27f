"""The Department's identity as a visitor and a signed-out editor see it, at 1280 and 390 px:
the header and footer of the public pages, the share links, the admin's login page."""

import re
from urllib.parse import urlencode

import pytest
from cchc_demo.data import DEPARTMENT_IDENTITY, PROVINCE_NAME
from django.urls import reverse
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from cchc_news.identity import ensure_identity

from .artifacts import assert_accessible, screenshot
from .test_admin_slugs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FULL_NAME = f"Sở Nội vụ {PROVINCE_NAME}"


@pytest.fixture
def identity(portal):
    ensure_identity(DEPARTMENT_IDENTITY)
    return portal


def fits_the_width(page):
    width, viewport = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    return width <= viewport


@pytest.mark.parametrize("tab", ["page", "mobile_page"])
def test_public_pages_carry_the_departments_identity(tab, identity, request):
    page = request.getfixturevalue(tab)
    width = "1280" if tab == "page" else "390"
    page.goto("/")
    brand = page.locator(".site-brand")
    expect(brand).to_contain_text(PROVINCE_NAME, ignore_case=True)
    expect(brand.locator("img.site-brand__emblem")).to_be_visible()
    expect(page.locator("h1")).to_contain_text(FULL_NAME)
    footer = page.locator(".site-footer")
    expect(footer).to_contain_text(DEPARTMENT_IDENTITY["address"])
    expect(footer).to_contain_text(DEPARTMENT_IDENTITY["responsible_name"])
    expect(footer).to_contain_text(_("Responsible for the content"))
    assert fits_the_width(page)
    screenshot(page, f"identity-home-{width}")
    assert_accessible(page, f"identity-home-{width}")

    page.goto(identity.featured.url)
    share = page.locator(".share")
    zalo = "https://sp.zalo.me/share_inline?" + urlencode({"url": identity.featured.full_url})
    expect(share.get_by_role("link", name="Zalo")).to_have_attribute("href", zalo)
    expect(share.get_by_role("link", name="Facebook")).to_be_visible()
    assert fits_the_width(page)
    screenshot(page, f"identity-item-{width}")


@pytest.mark.parametrize("tab", ["page", "mobile_page"])
def test_the_admin_login_is_in_the_departments_name(tab, identity, request):
    page = request.getfixturevalue(tab)
    width = "1280" if tab == "page" else "390"
    page.goto(reverse("wagtailadmin_login"))
    heading = page.locator("h1")
    expect(heading).to_contain_text(_("Sign in to the administration"))
    expect(heading).to_contain_text(PROVINCE_NAME, ignore_case=True)
    expect(heading.locator("img")).to_be_visible()
    expect(page).to_have_title(f"{_('Sign in')} - {FULL_NAME}")
    assert fits_the_width(page)
    screenshot(page, f"identity-admin-login-{width}")


def test_the_admin_sidebar_shows_the_departments_emblem_and_name(page, identity, office_user):
    log_in(page, office_user)
    page.goto(reverse("wagtailadmin_home"))
    branding = page.locator(".sidebar-custom-branding")
    expect(branding.locator("img.portal-admin-emblem")).to_be_visible()
    expect(branding).to_contain_text("Sở Nội vụ", ignore_case=True)
    expect(page).to_have_title(re.compile(f"{FULL_NAME}$"))
    screenshot(page, "identity-admin-dashboard-1280")

    page.goto(reverse("wagtailsettings:edit", args=["cchc_news", "departmentidentity"]))
    expect(page.locator("#id_province_name")).to_have_value(PROVINCE_NAME)
    screenshot(page, "identity-admin-settings-1280")
