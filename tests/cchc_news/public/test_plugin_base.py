"""The public pages' layout is the plugin's own `cchc/base.html`, which a host may override.

Without the portal's project-level templates (a site that installs the plugin and nothing
else) the pages are complete pages of their own; the portal overrides `cchc/base.html` with
one that extends its `base.html`, so its pages keep its header, footer and stylesheet.
"""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.html import escape
from django.utils.translation import gettext as _

from bulletin.models import BulletinIndexPage
from cchc_news.models import DepartmentIdentity
from tests.factories import NewsItemPageFactory

pytestmark = pytest.mark.django_db

PORTAL_SITEMAP_LINK = 'href="/sitemap.xml"'  # in the portal's footer, not in the plugin's


def plugin_only():
    """The settings' templates without the project's templates/ folder."""
    return override_settings(TEMPLATES=[{**settings.TEMPLATES[0], "DIRS": []}])


def template_origins(response):
    """{template name: the file it was loaded from} of a test client's response."""
    return {t.name: t.origin.name for t in response.templates if t.origin}


@pytest.fixture
def item(agency_a):
    return NewsItemPageFactory(parent=agency_a.index_page, title="Một cửa liên thông hiện đại")


@pytest.fixture
def public_urls(section, agency_a, item):
    archive = BulletinIndexPage.objects.get()
    return [section.url, section.url + "tin-bai/", agency_a.index_page.url, item.url, archive.url]


def test_pages_render_as_complete_pages_without_the_portal_templates(client, section, public_urls):
    with plugin_only():
        for url in public_urls:
            response = client.get(url)
            assert response.status_code == 200, url
            origins = template_origins(response)
            assert origins["cchc/base.html"].endswith("cchc_news/templates/cchc/base.html"), url
            assert "base.html" not in origins, url
            content = response.content.decode()
            assert content.startswith("<!DOCTYPE html>"), url
            assert re.search(r"<title>[^<]+</title>", content), url
            assert 'href="/static/cchc_news/css/public.css"' in content, url
            assert "css/portal.css" not in content and PORTAL_SITEMAP_LINK not in content, url
            assert '<main id="main"' in content and 'href="#main"' in content, url
            # The plugin's header leads to the section and its listing, its footer to the feeds.
            assert f'<a href="{section.url}"' in content, url
            assert f'href="{section.url}tin-bai/"' in content, url
            assert 'rel="alternate" type="application/atom+xml"' in content, url
            assert 'class="site-footer"' in content, url


def test_the_plugin_header_and_footer_name_the_department(client, section):
    DepartmentIdentity.objects.filter(site=section.get_site()).update(
        province_name="tỉnh Thử Nghiệm", address="Số 1 đường Thử"
    )
    with plugin_only():
        content = client.get(section.url).content.decode()
    line = _("People's Committee of %(province)s") % {"province": "tỉnh Thử Nghiệm"}
    assert f'<span class="site-brand__org">{escape(line)}</span>' in content
    assert '<span class="site-brand__name">Sở Nội vụ</span>' in content
    assert "Số 1 đường Thử" in content


def test_the_portal_overrides_the_plugin_base_with_its_own(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        origins = template_origins(response)
        assert origins["cchc/base.html"] == str(settings.BASE_DIR / "templates/cchc/base.html"), url
        assert "base.html" in origins, url
        content = response.content.decode()
        assert PORTAL_SITEMAP_LINK in content, url
        # The plugin's stylesheet first, the portal's own rules on top of it.
        assert content.index("cchc_news/css/public.css") < content.index("css/portal.css"), url
