"""The section home, the news listing and the header read what they list once per generation of
public content (issue 17): a change shows on the next view, and their queries stay the same
whatever the number of items, on the view that computes and on the views that reuse."""

import re

import pytest
from wagtail.models import PageViewRestriction

from cchc_news.models import ContentChange, DepartmentIdentity, NewsItemPage
from tests.factories import CampaignFactory, TopicFactory
from tests.helpers import content_committed

from .public_site import add_items, card_titles, count_queries, local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# A change shows on the next view -----------------------------------------------------------


def test_the_section_home_shows_a_new_item_its_topic_and_campaign_at_once(
    client, section, agency_a, topic
):
    add_items(agency_a, topic, 2)
    assert "Hội nghị sơ kết quý I" not in page(client, section.url)
    campaign = CampaignFactory(name="Chiến dịch mới", active=True)
    new_topic = TopicFactory(name="Chủ đề mới")
    publish(
        agency_a.index_page,
        local(2026, 3, 2, 8),
        title="Hội nghị sơ kết quý I",
        topic=new_topic,
        campaigns=[campaign],
    )
    content = page(client, section.url)
    assert card_titles(content)[0] == "Hội nghị sơ kết quý I"
    assert "Chủ đề mới" in content and "Chiến dịch mới" in content


def test_the_section_home_drops_an_unpublished_item_at_once(client, section, agency_a, topic):
    first, second = add_items(agency_a, topic, 2)
    assert second.title in card_titles(page(client, section.url))
    NewsItemPage.objects.get(pk=second.pk).unpublish()
    assert card_titles(page(client, section.url)) == [first.title]


def test_a_new_restriction_hides_items_from_the_listings_at_once(client, section, agency_a, topic):
    (item,) = add_items(agency_a, topic, 1)
    urls = (section.url, section.url + "tin-bai/")
    assert all(item.title in page(client, url) for url in urls)
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    assert not [url for url in urls if item.title in page(client, url)]


def test_the_listing_offers_a_new_topic_at_once(client, section, agency_a, topic):
    add_items(agency_a, topic, 1)
    listing = section.url + "tin-bai/"
    assert "Mô hình hay" not in page(client, listing)
    TopicFactory(name="Mô hình hay", slug="mo-hinh-hay")
    assert 'value="mo-hinh-hay"' in page(client, listing)
    content = page(client, listing + "?topic=mo-hinh-hay")
    assert "alert--error" not in content and card_titles(content) == []


def test_the_header_shows_a_changed_identity_and_menu_at_once(client, section, agency_a, topic):
    add_items(agency_a, topic, 1)
    assert "Sở Nội vụ tỉnh Lâm Hà" not in page(client, section.url)
    identity = DepartmentIdentity.objects.get()
    identity.province_name, identity.department_name = "Lâm Hà", "Sở Nội vụ"
    identity.save()
    index = agency_a.index_page
    index.show_in_menus = True
    index.save_revision().publish()
    content = page(client, section.url)
    assert "Lâm Hà" in content
    assert f'<li><a href="{index.url}"' in content


# The same queries for 10 and 200 items ------------------------------------------------------


def listing_urls(section):
    listing = section.url + "tin-bai/"
    return [section.url, listing, listing + "?topic=ket-qua&agency=stp", listing + "?page=2"]


def query_counts(client, urls):
    """{url: (queries of the view that computes, queries of the next one)}."""
    found = {}
    for url in urls:
        page(client, url)  # renditions and Wagtail's site root paths
        ContentChange.record()  # a change of content: the next view computes
        content_committed()  # as visitors meet it: committed
        computing = count_queries(client, url)
        found[url] = (computing, count_queries(client, url))
    return found


def test_the_section_home_and_listing_cost_the_same_for_10_or_200_items(
    client, section, agency_a, agency_b, topic
):
    """The counts of both views, whatever the number of items."""
    campaign = CampaignFactory(name="Chuyển đổi số", active=True)
    add_items(agency_a, topic, 5, campaigns=[campaign])
    add_items(agency_b, topic, 5, start=5)
    urls = listing_urls(section)
    with_10 = query_counts(client, urls)
    add_items(agency_a, topic, 95, start=10, campaigns=[campaign])
    add_items(agency_b, topic, 95, start=105)
    assert query_counts(client, urls) == with_10


def test_the_views_after_the_first_reuse_what_it_read(client, section, agency_a, topic):
    """What is read once per generation: the section home's listings and facets, the
    listing's filter choices and item count, the header's menu and identity, the view
    restrictions of listings (issue 17: 17 and 13 queries before)."""
    add_items(agency_a, topic, 3)
    counts = query_counts(client, listing_urls(section))
    at_most = {section.url: 6}  # the listings: 7
    for url, (computing, reused) in counts.items():
        assert reused < computing, url
        assert reused <= at_most.get(url, 7), (url, reused)


def filter_form(content):
    return re.search(r'<form class="filter-form".*?</form>', content, re.S).group(0)


def test_the_filter_form_shows_the_filters_given_each_time(client, section, agency_a, topic):
    """The form is rendered once per set of valid filters; however a date was typed, it shows
    it as the portal writes it, and a form with errors shows what was typed."""
    add_items(agency_a, topic, 1)
    listing = section.url + "tin-bai/"
    typed = filter_form(page(client, listing + "?topic=ket-qua&from=1/3/2026"))
    assert '<option value="ket-qua" selected>' in typed and 'value="01/03/2026"' in typed
    assert filter_form(page(client, listing + "?topic=ket-qua&from=2026-03-01")) == typed
    assert filter_form(page(client, listing + "?from=2026-03-01&topic=ket-qua&page=2")) == typed
    plain = filter_form(page(client, listing))
    assert 'ket-qua" selected' not in plain and "01/03/2026" not in plain
    wrong = filter_form(page(client, listing + "?topic=ket-qua&from=31/02/2026"))
    assert 'value="31/02/2026"' in wrong
