"""The bulletin page's sections are read once per generation of public content (issue 17):
a second view reads none of its items, a change of them shows at once, a preview shows the
draft's entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletin.assembly import assemble
from bulletin.models import BulletinPage
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from tests.factories import TopicFactory
from tests.helpers import content_committed

from .conftest import local

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

W48 = Week(2026, 48)


@pytest.fixture
def bulletin(archive, publish_item):
    topic = TopicFactory(name="Kết quả")
    start = W48.period()[0]
    for n in range(3):
        publish_item(start.replace(hour=17, minute=n), f"Tin tuần 48 số {n}", topic)
    return assemble(W48, now=local(2026, 12, 7, 9, 0)).bulletin


def test_a_second_view_reads_none_of_its_items(client, bulletin):
    content_committed()  # the assembly's changes, as they stand when visitors come
    client.get(bulletin.url)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(bulletin.url).content.decode()
    assert not [q["sql"] for q in queries if 'FROM "cchc_news_newsitempage"' in q["sql"]]
    assert all(f"Tin tuần 48 số {n}" in content for n in range(3))


def test_an_item_unpublished_leaves_the_page_at_once(client, bulletin):
    assert "Tin tuần 48 số 1" in client.get(bulletin.url).content.decode()
    item = next(item for _t, entries in bulletin.sections() for item, _n in entries)
    item.unpublish()
    content = client.get(bulletin.url).content.decode()
    assert item.title not in content
    assert "Tin tuần 48 số" in content  # the others stay


def test_a_preview_shows_the_drafts_entries(client, rf, bulletin):
    client.get(bulletin.url)  # the live page's sections, cached
    draft = BulletinPage.objects.get(pk=bulletin.pk)
    draft.entries = [dict(entry) for entry in draft.entries.raw_data][:1]  # an unsaved draft
    request = rf.get(bulletin.url)
    request.is_preview = True
    sections = draft.get_context(request)["sections"]
    assert sum(len(entries) for _topic, entries in sections) == 1


def test_a_second_view_builds_no_entry_url(client, bulletin, monkeypatch):
    """The entries' URLs are kept with the sections (issue 17: one Wagtail URL look-up per
    entry and view before, a sixth of the page's cost at 100 entries)."""
    from bulletin import page_sections

    content_committed()
    first = client.get(bulletin.url).content.decode()
    built = []
    real = page_sections.page_urls
    monkeypatch.setattr(page_sections, "page_urls", lambda *a: built.append(a) or real(*a))
    assert client.get(bulletin.url).content.decode() == first
    assert built == []
    item = next(item for _t, entries in bulletin.sections() for item, _n in entries)
    assert f'<a href="{item.url}" data-print-url="{item.full_url}">' in first


def test_a_moved_item_shows_its_new_address_at_once(client, bulletin):
    content_committed()
    item = next(item for _t, entries in bulletin.sections() for item, _n in entries)
    assert f'href="{item.url}"' in client.get(bulletin.url).content.decode()
    item.slug = "tin-da-doi-dia-chi"
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.url.endswith("/tin-da-doi-dia-chi/")
    assert f'href="{item.url}"' in client.get(bulletin.url).content.decode()


def test_the_kept_sections_hold_what_the_page_shows_not_whole_pages(rf, bulletin):
    """A page pickled with its body weighed some 3 KB per entry to read back on each view;
    what the template shows is kept, anything else a host's template asks for is read."""
    import pickle

    from wagtail.models import Page

    content_committed()
    request = rf.get(bulletin.url)
    bulletin.shown_sections(request)  # computed and kept
    with CaptureQueriesContext(connection) as queries:
        sections = pickle.loads(pickle.dumps(bulletin.shown_sections(request)))  # noqa: S301
    assert not [q["sql"] for q in queries if 'FROM "cchc_news_newsitempage"' in q["sql"]]
    items = [item for _topic, entries in sections for item, _note in entries]
    assert len(items) == 3 and not any(isinstance(item, Page) for item in items)
    page = NewsItemPage.objects.get(pk=items[0].pk)
    assert (items[0].slug, items[0].agency.name) == (page.slug, page.agency.name)


def test_a_second_view_reads_no_correction(client, bulletin):
    """The published corrections are kept with the sections (a query on each view before):
    a correction is published with its bulletin, which moves the generation on."""
    from django.utils import timezone

    from bulletin.models import BulletinCorrection

    for reason in ("Sửa tên cơ quan", "Bổ sung ghi chú"):
        BulletinCorrection.objects.create(
            bulletin=bulletin, reason=reason, published_at=timezone.now()
        )
    content_committed()
    client.get(bulletin.url)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(bulletin.url).content.decode()
    assert not [q["sql"] for q in queries if "bulletin_bulletincorrection" in q["sql"]]
    assert content.index("Sửa tên cơ quan") < content.index("Bổ sung ghi chú")


def test_the_kept_items_share_their_topic_and_agency_and_answer_the_templates_lookups(rf, bulletin):
    """Each entry's topic is its section's and its agency one per agency (each copy was one
    more model to read back on each view); the fields the template shows are found by the
    item lookup it tries first, and those with nothing to escape are marked safe."""
    import pickle

    from django.utils.safestring import SafeString

    content_committed()
    request = rf.get(bulletin.url)
    bulletin.shown_sections(request)  # computed and kept
    sections = pickle.loads(pickle.dumps(bulletin.shown_sections(request)))  # noqa: S301
    ((topic, entries),) = sections
    items = [item for item, _note in entries]
    assert all(item.topic is topic for item in items)
    assert len({id(item.agency) for item in items}) == 1
    item = items[0]
    assert item["title"] == item.title and item["agency_name"] == item.agency.name
    with pytest.raises(KeyError):
        item["slug"]  # not kept: read from the page (item.slug)
    with pytest.raises(TypeError):
        "title" in item  # noqa: B015 (not a sequence for all its item lookup)
    for name in ("public_url", "print_url", "published_iso", "published_day"):
        assert isinstance(item[name], SafeString), name


def test_only_what_escaping_leaves_unchanged_is_marked_safe():
    from django.utils.safestring import SafeString

    from bulletin.page_sections import plain

    assert isinstance(plain("/cai-cach-hanh-chinh/tin-bai/"), SafeString)
    assert not isinstance(plain('/tin?a=1&b="2"'), SafeString)
    assert plain(None) is None


def body_renders(client, url):
    """How many times a view of `url` renders the bulletin's body, and its HTML."""
    from tests.cchc_news.public.test_shared_chrome import templates_of

    rendered, html = templates_of(client, url)
    return rendered.count("bulletin/includes/bulletin_body.html"), html


def test_visitors_get_the_body_rendered_once_per_generation_with_the_same_html(client, bulletin):
    content_committed()
    first = body_renders(client, bulletin.url)
    second = body_renders(client, bulletin.url)
    assert (first[0], second[0]) == (1, 0)
    assert first[1] == second[1]
    assert all(f"Tin tuần 48 số {n}" in second[1] for n in range(3))


def test_a_visitors_second_view_reads_no_sections(client, bulletin, monkeypatch):
    content_committed()
    client.get(bulletin.url)
    read = []
    monkeypatch.setattr(BulletinPage, "shown_bulletin", lambda page, request: read.append(1))
    assert "Tin tuần 48 số 0" in client.get(bulletin.url).content.decode()
    assert not read


def test_a_signed_in_user_gets_the_body_rendered_with_the_same_html(client, bulletin, admin_user):
    content_committed()
    _count, visitors = body_renders(client, bulletin.url)
    client.force_login(admin_user)
    for _view in range(2):
        count, html = body_renders(client, bulletin.url)
        assert count == 1
    body = visitors.split('<header class="bulletin__masthead">')[1].split("<footer")[0]
    assert body in html


def test_a_correction_shows_at_once_in_the_shared_body(client, bulletin):
    from django.utils import timezone

    from bulletin.models import BulletinCorrection

    content_committed()
    client.get(bulletin.url)
    BulletinCorrection.objects.create(
        bulletin=bulletin, reason="Sửa tên cơ quan", published_at=timezone.now()
    )
    bulletin.save_revision().publish()  # a correction is published with its bulletin
    content_committed()
    assert "Sửa tên cơ quan" in client.get(bulletin.url).content.decode()
