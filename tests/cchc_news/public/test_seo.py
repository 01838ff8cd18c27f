"""Titles, descriptions, canonical URLs, Open Graph, sitemap.xml and robots.txt."""

import json
import re

import pytest
from django.conf import settings as django_settings
from django.templatetags.static import static
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction, Site

from bulletin.assembly import assemble
from bulletin.models import BulletinIndexPage
from bulletin.weeks import Week
from tests.factories import NewsItemPageFactory, TopicFactory

from .public_site import cover_image, link_href, local, meta, publish, title

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

SITE_NAME = django_settings.WAGTAIL_SITE_NAME


@pytest.fixture
def item(agency_a):
    return publish(
        agency_a.index_page,
        local(2026, 11, 23, 9),
        title="Một cửa liên thông hiện đại",
        summary="Sở Tư pháp rút ngắn thời gian giải quyết hồ sơ còn một nửa.",
        topic=TopicFactory(name="Kết quả"),
        cover_image=cover_image(width=1600, height=900),
        cover_alt="Bộ phận Một cửa",
    )


@pytest.fixture
def bulletin(item):
    return assemble(Week(2026, 48)).bulletin


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_sharing_metadata(content, page_title, canonical, og_type="website"):
    assert title(content) == f"{page_title} – {SITE_NAME}"
    description = meta(content, "description")
    assert description and len(description) <= 160
    assert link_href(content, "canonical") == canonical
    assert canonical.startswith(("http://", "https://"))
    assert meta(content, "og:type") == og_type
    assert meta(content, "og:title") == page_title
    assert meta(content, "og:description") == description
    assert meta(content, "og:url") == canonical
    assert meta(content, "og:site_name") == SITE_NAME
    assert meta(content, "og:locale") == "vi_VN"
    assert meta(content, "twitter:card") in ("summary", "summary_large_image")
    return description


def test_every_public_page_type_has_sharing_metadata(client, section, agency_a, item, bulletin):
    home = Site.objects.get(is_default_site=True).root_page
    archive = BulletinIndexPage.objects.get()
    for page in (home, section, agency_a.index_page, archive):
        assert_sharing_metadata(get(client, page.url), page.title, page.full_url)
    assert_sharing_metadata(get(client, item.url), item.title, item.full_url, "article")
    assert_sharing_metadata(get(client, bulletin.url), bulletin.title, bulletin.full_url, "article")
    listing = get(client, section.url + "tin-bai/")
    assert_sharing_metadata(listing, _("News items"), section.full_url + "tin-bai/")


def test_description_prefers_search_description_then_summary_then_intro(client, section, item):
    assert meta(get(client, item.url), "description") == item.summary
    item.search_description = "Mô tả cho máy tìm kiếm."
    item.save_revision().publish()
    assert meta(get(client, item.url), "description") == "Mô tả cho máy tìm kiếm."
    # The section's intro is rich text: the description is its plain text.
    section.intro = "<p>Tin <b>cải cách</b> &amp; mô hình hay.</p><p>Đoạn hai.</p>"
    section.save_revision().publish()
    assert meta(get(client, section.url), "description") == "Tin cải cách & mô hình hay. Đoạn hai."


def test_long_descriptions_are_cut_near_160_characters(client, agency_a):
    long_item = NewsItemPageFactory(parent=agency_a.index_page, summary="Cải cách hành chính " * 30)
    description = meta(get(client, long_item.url), "description")
    assert 140 <= len(description) <= 160 and description.endswith("…")


def test_item_shares_its_cover_as_an_absolute_rendition(client, item):
    content = get(client, item.url)
    rendition = item.cover_image.get_rendition("fill-1200x630")
    assert meta(content, "og:image") == item.get_site().root_url + rendition.url
    assert meta(content, "og:image:width") == str(rendition.width)
    assert meta(content, "og:image:height") == str(rendition.height)
    assert meta(content, "og:image:alt") == "Bộ phận Một cửa"
    assert meta(content, "twitter:card") == "summary_large_image"
    assert meta(content, "article:published_time") == "2026-11-23T09:00:00+07:00"
    assert meta(content, "article:section") == "Kết quả"


def test_item_has_news_article_structured_data(client, item):
    content = get(client, item.url)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == item.title
    assert data["mainEntityOfPage"] == item.full_url
    assert data["author"]["name"] == "Sở Tư pháp"
    assert data["image"][0].startswith("http")


def test_structured_data_cannot_close_its_script_element(client, agency_a):
    sneaky = publish(agency_a.index_page, local(2026, 11, 23, 9), title="A </script><b>x</b>")
    content = get(client, sneaky.url)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert json.loads(script.group(1))["headline"] == "A </script><b>x</b>"


def test_pages_without_a_cover_share_the_emblem_in_a_summary_card(client, section):
    content = get(client, section.url)
    assert meta(content, "og:image") == section.get_site().root_url + static(
        "cchc_news/identity/emblem-512.png"
    )
    assert meta(content, "og:image:width") == "512"
    assert meta(content, "twitter:card") == "summary"


def test_listing_canonical_keeps_only_the_valid_filters(client, section, item):
    base = section.full_url + "tin-bai/"
    content = get(
        client, section.url + "tin-bai/?utm_source=zalo&topic=ket-qua&agency=khong-co&page=1"
    )
    assert link_href(content, "canonical") == base + "?topic=ket-qua"
    assert meta(content, "og:url") == base + "?topic=ket-qua"
    assert title(content) == f"{_('News items')} – {_('Topic')}: Kết quả – {SITE_NAME}"
    assert meta(content, "robots") == "noindex"  # an invalid filter was given


def test_listing_canonical_keeps_the_page_number(client, section, agency_a):
    for day in range(1, 15):
        publish(agency_a.index_page, local(2026, 4, day, 9))
    content = get(client, section.url + "tin-bai/?page=2&fbclid=abc")
    assert link_href(content, "canonical") == section.full_url + "tin-bai/?page=2"
    assert meta(content, "robots") is None
    page_two = _("%(title)s – page %(number)s") % {"title": _("News items"), "number": 2}
    assert title(content) == f"{page_two} – {SITE_NAME}"


def test_agency_index_page_two_has_its_own_canonical(client, agency_a):
    for day in range(1, 15):
        publish(agency_a.index_page, local(2026, 4, day, 9))
    content = get(client, agency_a.index_page.url + "?page=2")
    assert link_href(content, "canonical") == agency_a.index_page.full_url + "?page=2"


def test_not_found_page_is_not_indexed(client, section, settings):
    settings.DEBUG = False
    response = client.get("/cai-cach-hanh-chinh/khong-co-trang-nay/")
    content = response.content.decode()
    assert response.status_code == 404
    assert meta(content, "robots") == "noindex"
    assert link_href(content, "canonical") is None
    assert 'action="/cai-cach-hanh-chinh/tim-kiem/"' in content


def test_sitemap_lists_live_public_pages_with_lastmod(client, section, agency_a, item, bulletin):
    draft = NewsItemPageFactory(parent=agency_a.index_page, title="Bản nháp", live=False)
    private = publish(agency_a.index_page, local(2026, 11, 24, 9), title="Nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    entries = dict(
        re.findall(
            r"<url><loc>([^<]*)</loc>(?:<lastmod>([^<]*)</lastmod>)?", response.content.decode()
        )
    )
    assert entries[item.full_url] == "2026-11-23"
    assert bulletin.full_url in entries
    assert section.full_url + "tin-bai/" in entries
    assert entries[section.full_url + "tin-bai/"] == "2026-11-23"  # the newest item
    assert draft.full_url not in entries and private.full_url not in entries


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, section):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "" not in lines  # a blank line would end the group
