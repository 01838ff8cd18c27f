"""The section's news listing (tin-bai/): filters, validation, pagination, query count."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.cache import cache
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import PageViewRestriction

from tests.factories import CampaignFactory, NewsItemPageFactory, TopicFactory

from .public_site import card_titles, count_queries, cover_image, local, publish, title

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def listing_url(section):
    return section.url + "tin-bai/"


@pytest.fixture
def taxonomy(db):
    return {
        "results": TopicFactory(name="Kết quả"),
        "models": TopicFactory(name="Mô hình – điển hình tốt"),
        "digital": CampaignFactory(name="Chuyển đổi số 2026"),
        "congress": CampaignFactory(name="Đại hội Đảng bộ"),
    }


@pytest.fixture
def news(agency_a, agency_b, taxonomy):
    """Six items across two agencies, two topics, two campaigns and March 2026."""
    t = taxonomy
    a, b = agency_a.index_page, agency_b.index_page
    return {
        # 00:30 on 1 March in Hồ Chí Minh City is still 28 February in UTC.
        "a1": publish(
            a,
            local(2026, 3, 1, 0, 30),
            title="A1 kết quả số",
            topic=t["results"],
            campaigns=[t["digital"], t["congress"]],
        ),
        "a2": publish(
            a,
            local(2026, 3, 10, 9),
            title="A2 mô hình",
            topic=t["models"],
            campaigns=[t["digital"]],
        ),
        "a3": publish(a, local(2026, 3, 20, 9), title="A3 kết quả", topic=t["results"]),
        "b1": publish(
            b,
            local(2026, 2, 28, 23, 30),
            title="B1 kết quả số",
            topic=t["results"],
            campaigns=[t["digital"]],
        ),
        "b2": publish(b, local(2026, 3, 15, 9), title="B2 mô hình", topic=t["models"]),
        "b3": publish(
            b,
            local(2026, 3, 31, 23, 59),
            title="B3 kết quả đại hội",
            topic=t["results"],
            campaigns=[t["congress"]],
        ),
    }


def listed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return card_titles(response.content.decode())


def test_unfiltered_listing_shows_every_live_item_newest_first(client, listing_url, news):
    assert listed(client, listing_url) == [
        "B3 kết quả đại hội",
        "A3 kết quả",
        "B2 mô hình",
        "A2 mô hình",
        "A1 kết quả số",
        "B1 kết quả số",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"agency": "stp"}, ["A3 kết quả", "A2 mô hình", "A1 kết quả số"]),
        ({"agency": "pbt"}, ["B3 kết quả đại hội", "B2 mô hình", "B1 kết quả số"]),
        (
            {"topic": "ket-qua"},
            ["B3 kết quả đại hội", "A3 kết quả", "A1 kết quả số", "B1 kết quả số"],
        ),
        ({"campaign": "chuyen-doi-so-2026"}, ["A2 mô hình", "A1 kết quả số", "B1 kết quả số"]),
        ({"campaign": "dai-hoi-dang-bo"}, ["B3 kết quả đại hội", "A1 kết quả số"]),
        # Local dates: A1 (00:30 on 1 March) is in March, B1 (23:30 on 28 Feb) is not.
        (
            {"from": "2026-03-01"},
            ["B3 kết quả đại hội", "A3 kết quả", "B2 mô hình", "A2 mô hình", "A1 kết quả số"],
        ),
        ({"to": "2026-02-28"}, ["B1 kết quả số"]),
        ({"from": "2026-03-10", "to": "2026-03-15"}, ["B2 mô hình", "A2 mô hình"]),
        # B3 at 23:59 on 31 March is on the 31st, whatever UTC says.
        ({"from": "2026-03-31", "to": "2026-03-31"}, ["B3 kết quả đại hội"]),
        # A date typed by hand, day first, is understood too.
        ({"to": "28/02/2026"}, ["B1 kết quả số"]),
    ],
)
def test_each_filter_alone(client, listing_url, news, params, expected):
    assert listed(client, listing_url, **params) == expected


def test_filters_combine(client, listing_url, news):
    params = {
        "agency": "stp",
        "topic": "ket-qua",
        "campaign": "chuyen-doi-so-2026",
        "from": "2026-03-01",
        "to": "2026-03-31",
    }
    assert listed(client, listing_url, **params) == ["A1 kết quả số"]
    params["agency"] = "pbt"  # B1 has the topic and campaign but is dated 28 February
    assert listed(client, listing_url, **params) == []


def test_campaign_filter_does_not_repeat_an_item(client, listing_url, news, taxonomy):
    response = client.get(listing_url, {"campaign": "dai-hoi-dang-bo", "topic": "ket-qua"})
    content = response.content.decode()
    assert card_titles(content) == ["B3 kết quả đại hội", "A1 kết quả số"]
    assert "2 " in re.search(r'class="results__count"[^>]*>(.*?)</h2>', content, re.S).group(1)


def test_title_and_heading_say_what_is_filtered(client, listing_url, news):
    content = client.get(listing_url, {"topic": "ket-qua"}).content.decode()
    expected = f"{_('News items')} – {_('Topic')}: Kết quả"
    assert title(content).startswith(expected + " – ")
    assert f"<h1>{escape(expected)}</h1>" in content


def test_active_filters_can_be_removed_one_by_one_or_all(client, listing_url, news):
    content = client.get(
        listing_url, {"agency": "stp", "topic": "ket-qua", "from": "2026-03-01"}
    ).content.decode()
    chips = unescape(re.search(r'<ul class="chips">(.*?)</ul>', content, re.S).group(1))
    assert "Sở Tư pháp" in chips and "Kết quả" in chips and "01/03/2026" in chips
    removals = re.findall(r'class="chip__remove" href="([^"]*)"', chips)
    assert removals == [
        f"{listing_url}?topic=ket-qua&from=2026-03-01",
        f"{listing_url}?agency=stp&from=2026-03-01",
        f"{listing_url}?agency=stp&topic=ket-qua",
    ]
    assert f'class="active-filters__clear" href="{listing_url}"' in content


def test_the_form_keeps_the_chosen_values(client, listing_url, news):
    content = client.get(
        listing_url, {"agency": "stp", "campaign": "dai-hoi-dang-bo", "from": "2026-03-01"}
    ).content.decode()
    assert '<option value="stp" selected>' in content
    assert '<option value="dai-hoi-dang-bo" selected>' in content
    assert re.search(r'<input type="text" name="from" value="01/03/2026"', content)
    assert '<label for="id_from">' in content and '<label for="id_agency">' in content


@pytest.mark.parametrize("typed", ["01/03/2026", "1/3/2026", "2026-03-01", " 01/03/2026 "])
def test_dates_are_written_day_first_whatever_the_browsers_language(
    client, listing_url, news, typed
):
    """A native date field shows mm/dd/yyyy in an American browser: a text field does not."""
    content = client.get(listing_url, {"from": typed}).content.decode()
    (control,) = re.findall(r'<input[^>]*name="from"[^>]*>', content)
    assert 'type="text"' in control and 'value="01/03/2026"' in control
    assert 'inputmode="numeric"' in control
    hint = escape(pgettext("how to write a date", "dd/mm/yyyy"))
    assert f'placeholder="{hint}"' in control
    assert re.search(r'pattern="[^"]+"', control)
    # The hint is part of the label, so part of the field's accessible name.
    label = re.search(r'<label for="id_from">(.*?)</label>', content, re.S).group(1)
    assert hint in label
    assert ": 01/03/2026 – " in title(content)


def test_filters_survive_in_pagination_links(client, listing_url, agency_a, taxonomy):
    for day in range(1, 15):
        publish(
            agency_a.index_page,
            local(2026, 4, day, 9),
            title=f"Tin {day:02}",
            topic=taxonomy["results"],
        )
    publish(
        agency_a.index_page, local(2026, 4, 20, 9), title="Khác chủ đề", topic=taxonomy["models"]
    )
    response = client.get(listing_url, {"topic": "ket-qua", "from": "2026-04-01"})
    content = response.content.decode()
    assert len(card_titles(content)) == 12
    next_links = [unescape(href) for href in re.findall(r'href="(\?[^"]*)" rel="next"', content)]
    assert next_links == ["?topic=ket-qua&from=2026-04-01&page=2"]
    second = client.get(listing_url + next_links[0]).content.decode()
    assert card_titles(second) == ["Tin 02", "Tin 01"]
    previous = [unescape(href) for href in re.findall(r'href="(\?[^"]*)" rel="prev"', second)]
    # Page 1 has one URL, without `page` (one entry in the page cache, one canonical URL).
    assert previous == ["?topic=ket-qua&from=2026-04-01"]


@pytest.mark.parametrize("page", ["999", "0", "-3", "abc", "1.5", "99999999999999999999999"])
def test_out_of_range_page_numbers_fall_back(client, listing_url, news, page):
    response = client.get(listing_url, {"page": page})
    assert response.status_code == 200
    assert len(card_titles(response.content.decode())) == 6


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"agency": "khong-co"},
            "agency",
            _("There is no agency with the code “%(value)s”.") % {"value": "khong-co"},
        ),
        (
            {"topic": "khong-co"},
            "topic",
            _("There is no topic “%(value)s”.") % {"value": "khong-co"},
        ),
        ({"campaign": "x"}, "campaign", _("There is no campaign “%(value)s”.") % {"value": "x"}),
        ({"from": "2026-02-30"}, "from", _("Enter a valid date, such as 31/12/2026.")),
        ({"to": "hôm qua"}, "to", _("Enter a valid date, such as 31/12/2026.")),
        (
            {"from": "2026-03-10", "to": "2026-03-01"},
            "to",
            _("The end date is before the start date."),
        ),
    ],
)
def test_invalid_values_get_a_message_next_to_the_field(
    client, listing_url, news, params, field, message
):
    response = client.get(listing_url, params)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<p class="field__error" id="id_{field}-error">{escape(message)}</p>' in content
    control = re.search(rf'<(?:input|select)[^>]*name="{field}"[^>]*>', content).group(0)
    assert 'aria-invalid="true"' in control and f'aria-describedby="id_{field}-error"' in control
    assert 'role="alert"' in content and f'href="#id_{field}"' in content
    assert '<meta name="robots" content="noindex">' in content


def test_valid_filters_still_apply_beside_an_invalid_one(client, listing_url, news):
    assert listed(client, listing_url, agency="stp", topic="khong-co") == [
        "A3 kết quả",
        "A2 mô hình",
        "A1 kết quả số",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "from=0000-01-01",
        "from=9999-12-31&to=0001-01-01",
        "agency=%00",
        "topic=<script>",
        "agency=stp&agency=pbt",
        "to=" + "9" * 500,
    ],
)
def test_malformed_queries_never_fail(client, listing_url, news, query):
    response = client.get(f"{listing_url}?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_an_empty_result_says_so_and_offers_a_way_out(client, listing_url, news):
    content = client.get(listing_url, {"from": "2020-01-01", "to": "2020-12-31"}).content.decode()
    assert card_titles(content) == []
    assert escape(_("No news items match these filters.")) in content
    assert escape(_("Try removing a filter or widening the date range.")) in content


def test_drafts_and_private_items_are_never_listed(client, listing_url, news, agency_a):
    NewsItemPageFactory(parent=agency_a.index_page, title="Bản nháp", live=False)
    private = publish(agency_a.index_page, local(2026, 3, 25, 9), title="Nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for params in ({}, {"agency": "stp"}, {"from": "2026-03-25"}):
        titles = listed(client, listing_url, **params)
        assert "Bản nháp" not in titles and "Nội bộ" not in titles


def test_agency_index_links_to_the_listing_filtered_by_the_agency(client, agency_a, listing_url):
    content = client.get(agency_a.index_page.url).content.decode()
    assert f'href="{listing_url}?agency=stp"' in content


def make_items(agency, taxonomy, count, start, cover_every):
    for number in range(start, start + count):
        publish(
            agency.index_page,
            local(2026, 1, 1, 8) + timedelta(hours=number),
            title=f"Tin số {number}",
            topic=taxonomy["results"],
            campaigns=[taxonomy["digital"], taxonomy["congress"]],
            cover_image=cover_image() if number % cover_every == 0 else None,
        )


def fresh_query_count(client, url):
    client.get(url)  # renditions are made on the first view...
    cache.clear()  # ...and Wagtail caches them: count the database reads of a cold cache
    return count_queries(client, url)


LISTING_QUERIES = [
    "",
    "agency=stp&topic=ket-qua&campaign=chuyen-doi-so-2026&from=2026-01-01&to=2026-12-31",
    "campaign=dai-hoi-dang-bo&page=2",
]


def test_query_count_does_not_grow_with_items(client, listing_url, agency_a, taxonomy, subtests):
    """Each listing (plain, filtered, a page of a filter) reads as much for 10 items as for
    200; the items are made once for the three (each reported apart)."""
    urls = [f"{listing_url}?{query}" for query in LISTING_QUERIES]
    make_items(agency_a, taxonomy, 10, start=0, cover_every=3)
    with_10 = {url: fresh_query_count(client, url) for url in urls}
    # Every newer item has a cover: a query per rendition would show.
    make_items(agency_a, taxonomy, 190, start=10, cover_every=1)
    for url in urls:
        with subtests.test(msg=url):
            assert fresh_query_count(client, url) == with_10[url]
