"""What a visitor does in the CCHC section, in a real browser."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from django.utils.translation import pgettext
from playwright.sync_api import expect

from .artifacts import assert_accessible, screenshot
from .conftest import DESKTOP, MOBILE
from .content import publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def query(page):
    return {name: values[0] for name, values in parse_qs(urlsplit(page.url).query).items()}


def card_titles(page):
    return page.locator(".results .card__title").all_inner_texts()


def test_from_home_to_the_latest_bulletin_and_an_items_original_file(page, portal):
    page.goto("/")
    page.locator("main").get_by_role("link", name=portal.section.title, exact=True).click()
    expect(page).to_have_url(portal.section.url)

    page.get_by_role("link", name=portal.bulletin.title, exact=True).click()
    expect(page).to_have_url(portal.bulletin.url)
    expect(page.locator("h1")).to_have_text(portal.bulletin.title)

    page.locator(".bulletin__entry").get_by_role("link", name=portal.featured.title).click()
    expect(page).to_have_url(portal.featured.url)
    expect(page.locator("h1")).to_have_text(portal.featured.title)

    link = page.locator(".attachment a[href]")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"


def test_search_without_diacritics_finds_and_marks_the_words(page, portal):
    page.goto(portal.section.url)
    box = page.locator("main").get_by_role("searchbox")
    box.fill("cai cach hanh chinh")
    box.press("Enter")

    expect(page).to_have_url(f"{portal.section.url}tim-kiem/?q=cai+cach+hanh+chinh")
    titles = page.locator(".result__title")
    found = titles.filter(has_text=portal.featured.title)
    expect(found).to_have_count(1)
    assert "cải cách hành chính" in found.inner_text()
    marked = found.locator("mark").all_inner_texts()
    assert [word.lower() for word in marked] == ["cải", "cách", "hành", "chính"]
    # Every word must be found: an item that has only some of them is not listed.
    expect(titles.filter(has_text=portal.others[1].title)).to_have_count(0)


@pytest.fixture
def many_items(portal):
    """14 items of agency A on topic "results" in a fortnight, and some that differ."""
    end = portal.featured.first_published_at  # the fortnight ends with the featured item
    start = end - timedelta(days=13)
    agency_a, agency_b = portal.agency_a.index_page, portal.agency_b.index_page
    matching = [portal.featured.title]
    for day in range(13):
        title = f"Kết quả của Sở Tư pháp, ngày thứ {day + 1}"
        publish(agency_a, title, portal.results, start + timedelta(days=day))
        matching.append(title)
    before, inside = start - timedelta(days=2), start + timedelta(days=3)
    publish(agency_a, "Kết quả của Sở trước khoảng thời gian", portal.results, before)
    publish(agency_b, "Kết quả của phường trong khoảng thời gian", portal.results, inside)
    publish(agency_a, "Hoạt động của Sở trong khoảng thời gian", portal.activities, inside)
    return matching, timezone.localdate(start), timezone.localdate(end)


def test_filters_combine_stay_in_the_url_and_on_the_next_page(page, portal, many_items):
    matching, first_day, last_day = many_items
    page.goto(portal.section.news_url())

    form = page.locator("form.filter-form")
    form.locator("select[name=agency]").select_option(portal.agency_a.code)
    form.locator("select[name=topic]").select_option(portal.results.slug)
    form.locator("input[name=from]").fill(first_day.isoformat())
    form.locator("input[name=to]").fill(last_day.isoformat())
    form.locator("[type=submit]").click()

    page.wait_for_url(re.compile(r"/tin-bai/\?"))
    filters = {
        "agency": portal.agency_a.code,
        "topic": portal.results.slug,
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
    }
    assert query(page) == filters  # parse_qs leaves out the filters left empty
    expect(page.locator(".results .card")).to_have_count(12)
    first_page = card_titles(page)
    expect(form.locator("select[name=agency]")).to_have_value(portal.agency_a.code)

    page.locator(".pagination a[rel=next]").click()

    page.wait_for_url(re.compile(r"[?&]page=2"))
    assert query(page) == {**filters, "page": "2"}
    expect(page.locator(".results .card")).to_have_count(2)
    assert sorted(first_page + card_titles(page)) == sorted(matching)


def test_phone_visitor_gets_a_page_that_fits_a_reachable_menu_and_the_skip_link(
    mobile_page, portal
):
    page = mobile_page
    page.goto(portal.section.url)
    screenshot(page, "mobile-section-home")
    assert_accessible(page, "mobile-section-home")

    content_width, viewport_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert content_width <= viewport_width, f"scrolls sideways: {content_width}px wide"

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    nav_links = page.locator(".site-nav a")
    assert nav_links.count() >= 3
    for link in nav_links.all():
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport_width, link.inner_text()
        assert box["height"] >= 24, f"{link.inner_text()}: a touch target under 24px (WCAG 2.5.8)"
    page.locator(f'.site-nav a[href="{portal.section.news_url()}"]').tap()
    expect(page).to_have_url(portal.section.news_url())


@pytest.mark.parametrize("locale", ["en-US", "vi-VN"])
def test_dates_are_typed_and_shown_day_first_in_any_browser_language(
    browser, live_server, served, portal, locale
):
    """A native date field shows mm/dd/yyyy in an American browser; the portal's, 31/12/2026."""
    context = browser.new_context(base_url=live_server.url, locale=locale, **DESKTOP)
    page = context.new_page()
    published = timezone.localdate(portal.featured.first_published_at)
    first_day = published.strftime("%d/%m/%Y")
    last_day = f"31/12/{published.year + 1}"
    page.goto(portal.section.news_url())
    form = page.locator("form.filter-form")
    hint = pgettext("how to write a date", "dd/mm/yyyy")  # ngày/tháng/năm
    expect(form.locator("input[name=from]")).to_have_attribute("placeholder", hint)
    to_field = form.locator("input[name=to]")
    to_field.fill("31/12/2026")  # kept as typed, and valid: no mm/dd/yyyy reading
    expect(to_field).to_have_value("31/12/2026")
    assert to_field.evaluate("field => field.type === 'text' && field.checkValidity()")
    form.locator("input[name=from]").fill(first_day)
    to_field.fill(last_day)  # a date after the items, whenever the test runs
    screenshot(page, f"listing-date-filter-typed-{locale}")
    form.locator("[type=submit]").click()

    page.wait_for_url(re.compile(r"/tin-bai/\?"))
    assert query(page) == {"from": first_day, "to": last_day}
    expect(form.locator("input[name=from]")).to_have_value(first_day)
    expect(form.locator("input[name=to]")).to_have_value(last_day)
    expect(page.locator(".chip").first).to_contain_text(first_day)
    expect(page.locator(".results .card__title", has_text=portal.featured.title)).to_have_count(1)
    screenshot(page, f"listing-date-filter-{locale}")
    page.set_viewport_size(MOBILE["viewport"])
    screenshot(page, f"listing-date-filter-{locale}-390")
    context.close()
