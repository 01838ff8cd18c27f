"""What the item page shows beside its own fields (references, campaigns, related and adjacent
items), the section menu, the Department's identity and the view restrictions are read once
per generation of public content (issue 17): a second view reads none of them, and a change
of public content shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cchc_news.models import DepartmentIdentity, NewsItemPage, NewsItemReference
from tests.helpers import content_committed

from .public_site import local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

SECONDARY_TABLES = (
    "cchc_news_campaign",
    "cchc_news_newsitemreference",
    "cchc_news_departmentidentity",
)


@pytest.fixture
def item(agency_a, topic):
    return publish(agency_a.index_page, local(2026, 3, 2, 9), title="Tin chính", topic=topic)


def second_view(client, url):
    content_committed()  # the fixtures' content, as it stands when visitors come
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries]


def test_a_second_view_of_an_item_reads_none_of_what_it_shows_beside_it(client, item):
    _content, queries = second_view(client, item.url)
    assert not [sql for sql in queries if any(table in sql for table in SECONDARY_TABLES)]
    # Related and adjacent items: none read (nor the routed item, kept by its routing).
    assert not [sql for sql in queries if 'FROM "cchc_news_newsitempage"' in sql], queries


def test_an_item_published_since_shows_at_once_among_the_related_and_next(
    client, item, agency_a, topic
):
    assert "Tin mới cùng chủ đề" not in client.get(item.url).content.decode()
    publish(agency_a.index_page, local(2026, 3, 3, 9), title="Tin mới cùng chủ đề", topic=topic)
    content = client.get(item.url).content.decode()
    assert content.count("Tin mới cùng chủ đề") == 2  # related, and the next item


def test_a_published_change_of_references_shows_at_once(client, item):
    client.get(item.url)
    item = NewsItemPage.objects.get(pk=item.pk)
    item.references = [NewsItemReference(number="4849/BNV-CCHC")]
    item.save_revision().publish()
    assert "4849/BNV-CCHC" in client.get(item.url).content.decode()


def test_a_preview_shows_its_drafts_references_not_the_live_pages(client, rf, item):
    client.get(item.url)  # the live page's, cached
    draft = NewsItemPage.objects.get(pk=item.pk)
    draft.references = [NewsItemReference(number="12/KH-UBND")]
    request = rf.get(item.url)
    request.is_preview = True
    context = draft.get_context(request)
    assert [reference.number for reference in context["references"]] == ["12/KH-UBND"]


def test_a_page_put_in_the_menu_shows_at_once(client, item, agency_b):
    assert agency_b.index_page.title not in client.get(item.url).content.decode()
    index = agency_b.index_page
    index.show_in_menus = True
    index.save()
    nav = client.get(item.url).content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert index.title in nav


def test_a_change_of_the_departments_identity_shows_at_once(client, item, section):
    client.get(item.url)
    identity = DepartmentIdentity.for_site(section.get_site())
    identity.phone = "0263 3822 111"
    identity.save()
    assert "0263 3822 111" in client.get(item.url).content.decode()


# View restrictions: cached outside transactions only, so these tests commit. --------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_any_restriction_a_second_view_reads_none(client, item):
    _content, queries = second_view(client, item.url)
    assert not [sql for sql in queries if "wagtailcore_pageviewrestriction" in sql], queries


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restriction_added_or_removed_applies_at_once(client, section, item):
    listing = section.url + "tin-bai/"
    second_view(client, item.url), second_view(client, listing)
    restriction = PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(item.url).status_code == 302  # to the login
    assert item.title not in client.get(listing).content.decode()
    restriction.delete()
    assert client.get(item.url).status_code == 200
    assert item.title in client.get(listing).content.decode()
