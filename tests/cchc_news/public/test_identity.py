"""The Department's identity (a site setting): the header, the footer, the home page's heading,
the favicon, titles and Open Graph, and the share links of items and bulletins."""

import re
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.templatetags.static import static
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Site

from bulletin.assembly import assemble
from bulletin.weeks import Week
from cchc_news.identity import ensure_identity
from cchc_news.models import DepartmentIdentity

from .public_site import cover_image, local, meta, publish, title

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

PROVINCE = "tỉnh Lâm Hà"
FILLED = {
    "province_name": PROVINCE,
    "address": "Số 2 đường Trần Hưng Đạo, phường Trung Tâm, tỉnh Lâm Hà",
    "phone": "(0263) 3 822 000",
    "email": "sonoivu@lamha.gov.vn",
    "responsible_name": "Trần Minh Đức",
    "responsible_title": "Giám đốc Sở",
    "licence": "Giấy phép số 12/GP-TTĐT ngày 15/01/2026",
    "facebook_url": "https://www.facebook.com/sonoivulamha",
}


@pytest.fixture
def identity(section):
    identity = DepartmentIdentity.objects.get(site=Site.objects.get(is_default_site=True))
    for field, value in FILLED.items():
        setattr(identity, field, value)
    identity.save()
    return identity


@pytest.fixture
def item(agency_a):
    return publish(agency_a.index_page, local(2026, 11, 23, 9), title="Một cửa & số")


@pytest.fixture
def bulletin(item):
    return assemble(Week(2026, 48)).bulletin


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def part(content, tag, attributes=""):
    return re.search(rf"<{tag}{attributes}.*?</{tag}>", content, re.S).group(0)


def test_names_read_as_a_state_agency_writes_them():
    identity = DepartmentIdentity(province_name=PROVINCE, department_name="Sở Nội vụ")
    assert identity.full_name == "Sở Nội vụ tỉnh Lâm Hà"
    assert identity.governing_body_line == _("People's Committee of %(province)s") % {
        "province": PROVINCE
    }
    identity.governing_body = "Ủy ban nhân dân tỉnh Lâm Hà (thí điểm)"
    assert identity.governing_body_line == "Ủy ban nhân dân tỉnh Lâm Hà (thí điểm)"
    blank = DepartmentIdentity()
    assert blank.short_name == _("Department of Home Affairs")
    assert blank.governing_body_line == _("People's Committee of the Province")


def test_setup_creates_the_identity_once_and_never_overwrites_it(section):
    identity = DepartmentIdentity.objects.get()
    assert identity.department_name == _("Department of Home Affairs")
    identity.department_name = "Sở Nội vụ (đã sửa)"
    identity.save()
    out = StringIO()
    call_command("setup_cchc", stdout=out)
    assert DepartmentIdentity.objects.get().department_name == "Sở Nội vụ (đã sửa)"
    assert out.getvalue().count("\n") == 1  # nothing changed
    assert ensure_identity({"province_name": PROVINCE}) != []
    assert ensure_identity({"province_name": "tỉnh Khác"}) == []
    assert DepartmentIdentity.objects.get().province_name == PROVINCE


def test_header_names_the_governing_body_and_the_department(client, identity, item):
    for url in ("/", item.url):
        header = part(get(client, url), "header")
        line = escape(identity.governing_body_line)
        assert f'<span class="site-brand__org">{line}</span>' in header, url
        assert '<span class="site-brand__name">Sở Nội vụ</span>' in header, url
        assert static("cchc_news/identity/emblem.svg") in header, url


def test_footer_shows_what_a_state_agency_portal_must(client, identity, item):
    for url in ("/", item.url):
        footer = part(get(client, url), "footer", ' class="site-footer"')
        assert f"{_('Governing agency')}:</span> Sở Nội vụ tỉnh Lâm Hà" in footer, url
        assert escape(FILLED["address"]) in footer
        assert 'href="tel:02633822000"' in footer and FILLED["phone"] in footer
        assert f'href="mailto:{FILLED["email"]}"' in footer
        assert f"{_('Responsible for the content')}:</span> Trần Minh Đức – Giám đốc Sở" in footer
        assert FILLED["licence"] in footer
        assert f'href="{FILLED["facebook_url"]}"' in footer
        assert "zalo" not in footer.lower()  # left empty: no link


def test_an_empty_line_is_left_out_of_the_footer(client, section):
    footer = part(get(client, "/"), "footer", ' class="site-footer"')
    assert _("Responsible for the content") not in footer
    assert "tel:" not in footer and "mailto:" not in footer


def test_home_heading_names_the_portal_not_the_page(client, identity):
    content = get(client, "/")
    heading = re.search(r"<h1>(.*?)</h1>", content).group(1)
    assert heading == escape(identity.portal_title)
    assert "Sở Nội vụ tỉnh Lâm Hà" in heading


def test_titles_and_open_graph_carry_the_departments_name(client, identity, item):
    content = get(client, item.url)
    assert title(content) == f"{item.title} – Sở Nội vụ tỉnh Lâm Hà"
    assert meta(content, "og:site_name") == "Sở Nội vụ tỉnh Lâm Hà"


@pytest.mark.parametrize("page", ["item", "bulletin"])
def test_items_and_bulletins_have_open_graph_and_zalo_and_facebook_links(
    client, identity, page, request
):
    page = request.getfixturevalue(page)
    content = get(client, page.url)
    url = page.full_url
    assert meta(content, "og:title") == page.title
    assert meta(content, "og:description")
    assert meta(content, "og:url") == url
    assert meta(content, "og:image") == page.get_site().root_url + static(
        "cchc_news/identity/emblem-512.png"
    )
    share = re.search(r'<div class="share">.*?</div>', content, re.S).group(0)
    assert "https://sp.zalo.me/share_inline?" + urlencode({"url": url}) in share
    assert "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}) in share
    assert not re.search(r"<script[^>]+src=", content)  # no third-party script anywhere


def test_the_logo_replaces_the_shipped_emblem(client, identity, item):
    identity.logo = cover_image(width=400, height=400, title="Biểu trưng")
    identity.save()
    content = get(client, item.url)
    assert static("cchc_news/identity/emblem.svg") not in content
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/png"', content).group(1)
    assert "/images/" in icon
    assert re.search(r'<link rel="apple-touch-icon" href="[^"]+\.png"', content)
    assert "/images/" in meta(content, "og:image")
    assert meta(content, "og:image:alt") == "Sở Nội vụ tỉnh Lâm Hà"
    brand = re.search(r'<a class="site-brand".*?</a>', content, re.S).group(0)
    assert 'class="site-brand__emblem"' in brand and "/images/" in brand


def test_the_shipped_emblem_is_the_favicon(client, section):
    content = get(client, "/")
    assert f'<link rel="icon" href="{static("cchc_news/identity/emblem.svg")}"' in content
    assert f'<link rel="apple-touch-icon" href="{static("cchc_news/identity/emblem-180.png")}"' in (
        content
    )


def test_the_logo_costs_one_query_whatever_it_is_shown_in(client, identity, item):
    """The header, the favicon and the share image read the logo's renditions prefetched with
    the setting: a page with a logo costs at most one query more than one without."""
    get(client, item.url)
    without = count(client, item.url)
    identity.logo = cover_image(width=400, height=400)
    identity.save()
    get(client, item.url)  # the renditions are made once
    assert count(client, item.url) <= without + 1


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)
