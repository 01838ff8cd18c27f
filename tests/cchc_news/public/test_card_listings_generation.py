"""The news listing and the agencies' pages read the page of items they show once per generation
of public content (issue 17), as the section home does: a change shows on the next view, and a
view that reuses them reads no item."""

import pytest

from cchc_news.models import ContentChange, NewsItemPage
from tests.helpers import content_committed

from .public_site import add_items, card_titles, count_queries, cover_image

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def card_urls(section, agency):
    listing = section.url + "tin-bai/"
    index = agency.index_page.url
    return [listing, listing + "?topic=ket-qua", listing + "?page=2", index, index + "?page=2"]


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return card_titles(response.content.decode())


def reused_counts(client, urls):
    """{url: queries of a view after one that computed what the generation shows}."""
    found = {}
    for url in urls:
        client.get(url)  # renditions and Wagtail's site root paths
        ContentChange.record()  # a change of content: the next view computes
        content_committed()
        client.get(url)
        found[url] = count_queries(client, url)
    return found


def test_a_view_that_reuses_the_page_of_items_reads_no_item(client, section, agency_a, topic):
    """The generation only (the site, its root page and the view restrictions are read once
    per generation too): no item, no count, no agency (issue 17: one query more on the listing,
    three on the agency's page: its items, their count, the agency and its kind; and one per
    page routed through, cchc_news.models.routing)."""
    add_items(agency_a, topic, 15)
    urls = card_urls(section, agency_a)
    assert reused_counts(client, urls) == dict.fromkeys(urls, 1)


def test_a_published_or_unpublished_item_shows_on_the_next_view(client, section, agency_a, topic):
    first, second = add_items(agency_a, topic, 2)
    urls = card_urls(section, agency_a)
    first_pages = [urls[0], urls[1], urls[3]]
    content_committed()
    assert all(titles(client, url) == [second.title, first.title] for url in first_pages)
    (third,) = add_items(agency_a, topic, 1, start=2)
    assert all(titles(client, url)[0] == third.title for url in first_pages)
    NewsItemPage.objects.get(pk=second.pk).unpublish()
    assert all(titles(client, url) == [third.title, first.title] for url in first_pages)


def test_a_cover_picture_shows_with_its_rendition_on_reused_views(client, section, agency_a, topic):
    (item,) = add_items(agency_a, topic, 1, cover_image=cover_image())
    listing = section.url + "tin-bai/"
    first = client.get(listing).content.decode()
    content_committed()
    assert 'class="card__image"' in first
    assert client.get(listing).content.decode() == first
    assert client.get(listing).content.decode() == first
