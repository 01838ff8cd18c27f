"""setup_cchc gives the default Site the configured address and name (cchc_news.default_site)."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Site

from cchc_news.default_site import site_address
from cchc_news.setup import setup_cchc
from tests.factories import NewsItemPageFactory

pytestmark = pytest.mark.django_db

BASE_URL = "http://portal.example.test:8031"


@pytest.fixture
def configured(settings):
    settings.CCHC_CONFIGURE_DEFAULT_SITE = True
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.WAGTAIL_SITE_NAME = "Cổng thử nghiệm"
    settings.CCHC_PAGE_CACHE_SECONDS = 0
    cache.clear()


FIELDS = ("pk", "hostname", "port", "site_name", "is_default_site")


def default_site():
    return Site.objects.get(is_default_site=True)


@pytest.mark.parametrize(
    "url, address",
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://cong.example.gov.vn", ("cong.example.gov.vn", 443)),
        ("http://cong.example.gov.vn/", ("cong.example.gov.vn", 80)),
    ],
)
def test_site_address_takes_the_scheme_port_when_the_url_names_none(url, address):
    assert site_address(url) == address


def test_setup_cchc_applies_host_port_and_name_from_the_settings(configured, capsys):
    call_command("setup_cchc")
    site = default_site()
    assert (site.hostname, site.port, site.site_name) == (
        "portal.example.test",
        8031,
        "Cổng thử nghiệm",
    )
    assert site.root_url == BASE_URL
    assert "portal.example.test:8031" in capsys.readouterr().out


def test_running_setup_cchc_twice_leaves_the_site_alone(configured):
    setup_cchc()
    before = list(Site.objects.values_list(*FIELDS))
    assert setup_cchc() == []
    assert list(Site.objects.values_list(*FIELDS)) == before


def test_a_changed_address_is_applied_on_the_next_run(configured, settings):
    setup_cchc()
    settings.WAGTAILADMIN_BASE_URL = "https://cong.example.gov.vn"
    setup_cchc()
    assert default_site().root_url == "https://cong.example.gov.vn"


def test_the_plugin_leaves_the_site_alone_unless_the_host_asks(configured, settings):
    settings.CCHC_CONFIGURE_DEFAULT_SITE = False
    before = default_site()
    setup_cchc()
    after = default_site()
    assert (after.hostname, after.port, after.site_name) == (
        before.hostname,
        before.port,
        before.site_name,
    )


def test_an_address_another_site_holds_is_not_taken(configured):
    home = default_site().root_page
    Site.objects.create(hostname="portal.example.test", port=8031, root_page=home)
    changes = setup_cchc()
    assert default_site().hostname != "portal.example.test"
    assert any("portal.example.test:8031" in change for change in changes)


def test_canonical_og_url_and_sitemap_carry_the_configured_address(configured, client):
    setup_cchc()
    from cchc_news.models import CCHCSectionPage
    from tests.factories import AgencyFactory

    agency = AgencyFactory(name="Sở Tư pháp", short_name="Sở Tư pháp", code="stp")
    assert CCHCSectionPage.objects.exists()
    item = NewsItemPageFactory(parent=agency.index_page, title="Một cửa liên thông")
    expected = f"{BASE_URL}{item.url}"
    content = client.get(item.url).content.decode()
    assert f'<link rel="canonical" href="{expected}">' in content
    assert f'<meta property="og:url" content="{expected}">' in content
    sitemap = client.get("/sitemap.xml").content.decode()
    assert expected in re.findall(r"<loc>([^<]*)</loc>", sitemap)
