"""A news item's public page: metadata, attachment, related and adjacent items, sharing."""

import re
from html import unescape
from urllib.parse import quote, urlencode

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from cchc_news.models import NewsItemPage, NewsItemReference
from tests.factories import CampaignFactory, NewsItemPageFactory, TopicFactory
from tests.files import make_pdf

from .public_site import cover_image, local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def results(db):
    return TopicFactory(name="Kết quả")


@pytest.fixture
def timeline(agency_a, agency_b, results):
    """Items of one topic a day apart, with a draft, a private item and another topic."""
    a, b = agency_a.index_page, agency_b.index_page
    other = TopicFactory(name="Hoạt động")
    items = {
        "oldest": publish(a, local(2026, 3, 1, 9), title="Cũ nhất", topic=results),
        "older": publish(b, local(2026, 3, 2, 9), title="Cũ hơn", topic=results),
        "middle": publish(a, local(2026, 3, 3, 9), title="Ở giữa", topic=results),
        "other_topic": publish(b, local(2026, 3, 4, 9), title="Chủ đề khác", topic=other),
        "newer": publish(a, local(2026, 3, 5, 9), title="Mới hơn", topic=results),
        "newest": publish(b, local(2026, 3, 6, 9), title="Mới nhất", topic=results),
    }
    draft = NewsItemPageFactory(parent=a, title="Bản nháp", topic=results, live=False)
    items["draft"] = draft
    private = publish(a, local(2026, 3, 3, 12), title="Nội bộ", topic=results)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    items["private"] = private
    return items


def page_of(client, item):
    response = client.get(item.url)
    assert response.status_code == 200
    return response.content.decode()


def section_of(content, css_class):
    match = re.search(rf'<(aside|nav|div) class="{css_class}"[^>]*>(.*?)</\1>', content, re.S)
    return unescape(match.group(2)) if match else ""


def test_related_items_share_the_topic_newest_first_without_itself(timeline):
    middle = timeline["middle"]
    assert [item.title for item in middle.related_items()] == ["Mới nhất", "Mới hơn", "Cũ hơn"]
    assert [item.title for item in timeline["newest"].related_items()] == [
        "Mới hơn",
        "Ở giữa",
        "Cũ hơn",
    ]


def test_related_items_take_one_query(timeline, django_assert_num_queries):
    middle = timeline["middle"]
    visible = middle.section_items()  # reads the view restrictions once
    with django_assert_num_queries(1):
        related = middle.related_items(visible)
        assert [item.agency.short_name for item in related]  # agencies come with them


def test_related_items_are_shown_with_a_link_to_the_topic(client, section, timeline):
    related = section_of(page_of(client, timeline["middle"]), "related")
    assert re.findall(r'<a href="[^"]*">([^<]*)</a>\s*<span', related) == [
        "Mới nhất",
        "Mới hơn",
        "Cũ hơn",
    ]
    assert "Bản nháp" not in related and "Nội bộ" not in related
    assert f'href="{section.url}tin-bai/?topic=ket-qua"' in related


def test_previous_and_next_items_follow_publication_in_the_section(client, timeline):
    middle = timeline["middle"]
    previous, following = middle.adjacent_items()
    assert (previous.title, following.title) == ("Cũ hơn", "Chủ đề khác")
    adjacent = section_of(page_of(client, middle), "adjacent")
    assert f'href="{timeline["older"].url}" rel="prev"' in adjacent
    assert f'href="{timeline["other_topic"].url}" rel="next"' in adjacent
    assert "Nội bộ" not in adjacent  # published between them, but private


def test_first_and_last_items_have_one_neighbour(client, timeline):
    assert timeline["oldest"].adjacent_items() == (None, timeline["older"])
    newest = page_of(client, timeline["newest"])
    assert 'rel="next"' not in section_of(newest, "adjacent")
    assert f'href="{timeline["newer"].url}" rel="prev"' in newest


def test_items_published_at_the_same_moment_are_ordered_by_id(agency_a, results):
    moment = local(2026, 5, 1, 8)
    first = publish(agency_a.index_page, moment, title="Một", topic=results)
    second = publish(agency_a.index_page, moment, title="Hai", topic=results)
    assert first.adjacent_items() == (None, second)
    assert second.adjacent_items() == (first, None)


def test_metadata_links_to_agency_topic_and_campaigns(client, section, agency_a, results):
    campaign = CampaignFactory(name="Chuyển đổi số 2026")
    item = publish(
        agency_a.index_page,
        local(2026, 3, 3, 9, 15),
        title="Một cửa số",
        topic=results,
        campaigns=[campaign],
        event_date=local(2026, 3, 1).date(),
    )
    content = page_of(client, item)
    assert f'<a href="{agency_a.index_page.url}">Sở Tư pháp</a>' in content
    assert f'href="{section.url}tin-bai/?topic=ket-qua"' in content
    assert f'<a href="{section.url}tin-bai/?campaign=chuyen-doi-so-2026">' in content
    assert '<time datetime="2026-03-03T09:15:00+07:00">09:15 03/03/2026</time>' in content
    assert '<time datetime="2026-03-01">01/03/2026</time>' in content


def test_attachment_shows_its_type_and_size(client, agency_a, results):
    pdf = make_pdf(pages=2)
    document = get_document_model().objects.create(
        title="Tệp gốc", file=ContentFile(pdf, name="tin-bai.pdf")
    )
    item = publish(agency_a.index_page, local(2026, 3, 3, 9), topic=results, original_file=document)
    content = page_of(client, item)
    assert f'href="{document.url}" download' in content
    assert f"(PDF, {escape(filesizeformat(len(pdf)))})" in content


def test_related_official_documents_are_listed(client, agency_a, results):
    item = publish(agency_a.index_page, local(2026, 3, 3, 9), topic=results)
    NewsItemReference.objects.create(
        page=item,
        number="4849/BNV-CCHC",
        issued_on=local(2020, 9, 16).date(),
        issuer="Bộ Nội vụ",
        title="Về việc tuyên truyền CCHC",
        url="https://moha.gov.vn/vb/4849",
    )
    content = page_of(client, item)
    assert '<a href="https://moha.gov.vn/vb/4849">4849/BNV-CCHC</a>' in content
    assert "16/09/2020" in content and "Bộ Nội vụ" in content
    assert "Về việc tuyên truyền CCHC" in content


def test_breadcrumbs_lead_from_home_through_section_and_agency(client, section, agency_a, results):
    item = publish(agency_a.index_page, local(2026, 3, 3, 9), title="Tin mẫu", topic=results)
    crumbs = re.search(
        r'<nav class="breadcrumbs[^"]*" aria-label="[^"]*">(.*?)</nav>', page_of(client, item), re.S
    ).group(1)
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', crumbs)
    assert links == [
        ("/", "Trang chủ"),
        (section.url, section.title),
        (agency_a.index_page.url, "Sở Tư pháp"),
    ]
    assert '<span aria-current="page">Tin mẫu</span>' in crumbs


def test_share_links_need_no_third_party_script(client, agency_a, results):
    item = publish(agency_a.index_page, local(2026, 3, 3, 9), title="Một cửa & số", topic=results)
    share = section_of(page_of(client, item), "share")
    url = item.full_url
    assert "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}) in share
    assert "https://x.com/intent/post?" + urlencode({"url": url, "text": item.title}) in share
    assert f"mailto:?subject={quote(item.title)}&body={quote(url)}" in share
    # The copy button appears only where the browser can copy (the script unhides it).
    assert f'data-copy-url="{url}"' in share and " hidden>" in share
    assert "navigator.clipboard" in share
    assert not re.search(r"<script[^>]+src=", share)
    assert 'rel="noopener noreferrer"' in share


def test_cover_is_a_rendition_with_width_height_and_srcset(client, agency_a, results):
    image = cover_image(width=1600, height=900)
    item = publish(
        agency_a.index_page,
        local(2026, 3, 3, 9),
        topic=results,
        cover_image=image,
        cover_alt="Cán bộ tiếp nhận hồ sơ",
    )
    figure = re.search(
        r'<figure class="article__cover">(.*?)</figure>', page_of(client, item), re.S
    ).group(1)
    img = re.search(r"<img [^>]*>", figure).group(0)
    fallback = image.get_rendition("width-480")
    assert f'src="{fallback.url}"' in img
    assert f'width="{fallback.width}"' in img and f'height="{fallback.height}"' in img
    assert 'alt="Cán bộ tiếp nhận hồ sơ"' in img
    srcset = re.search(r'srcset="([^"]*)"', img).group(1)
    assert [entry.rsplit(" ", 1)[1] for entry in srcset.split(", ")] == ["480w", "800w", "1200w"]
    assert 'sizes="' in img


def test_item_without_topic_or_cover_still_renders(client, agency_a):
    item = NewsItemPageFactory(parent=agency_a.index_page, title="Không chủ đề")
    NewsItemPage.objects.filter(pk=item.pk).update(topic=None)  # the column allows it
    content = page_of(client, item)
    assert "<h1>Không chủ đề</h1>" in content
    assert 'class="related"' not in content and 'class="article__cover"' not in content


def test_unpublished_item_is_not_served_and_never_a_neighbour(client, timeline):
    assert client.get(f"/cai-cach-hanh-chinh/stp/{timeline['draft'].slug}/").status_code == 404
    titles = [item.title for item in timeline["middle"].related_items()]
    assert "Bản nháp" not in titles and "Nội bộ" not in titles


def test_item_page_query_count_does_not_depend_on_the_number_of_items(
    client, agency_a, results, django_assert_max_num_queries
):
    item = publish(agency_a.index_page, local(2026, 3, 3, 9), topic=results)
    client.get(item.url)
    with django_assert_max_num_queries(40) as baseline:
        client.get(item.url)
    baseline_count = len(baseline.captured_queries)  # before a request resets Django's log
    for day in range(4, 24):
        publish(agency_a.index_page, local(2026, 3, day, 9), topic=results)
    client.get(item.url)  # a second view, as the baseline: the first reads the new generation's
    with django_assert_max_num_queries(baseline_count):
        client.get(item.url)
    assert _("Related news") in client.get(item.url).content.decode()
