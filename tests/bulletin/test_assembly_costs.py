"""What assembling, indexing and showing a bulletin costs: work done once, not once per entry."""

import gc
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch import index as search_index
from wagtail.models import ReferenceIndex, Site
from wagtail.search.index import insert_or_update_object
from wagtail.search.models import IndexEntry

from bulletin import assembly, delivery
from bulletin.assembly import assemble
from bulletin.models import BulletinPage
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from tests.factories import NewsItemPageFactory

from .conftest import local

pytestmark = pytest.mark.django_db

AFTER_W49 = local(2026, 12, 7, 9, 0)


def bulletin_of(agency, week, count, first=0):
    start = week.period()[0]
    for n in range(first, first + count):
        item = NewsItemPageFactory(parent=agency.index_page, title=f"Tin {week} {n}")
        NewsItemPage.objects.filter(pk=item.pk).update(first_published_at=start.replace(hour=17))
    return assemble(week, now=AFTER_W49).bulletin


def test_no_garbage_collection_runs_during_an_assembly(archive, agency_a):
    """Full collections walk the whole process, once per so many objects made: a large
    assembly set off several (bulletin.garbage_collection.collector_paused)."""
    enabled_while_planning = []
    original = assembly._plan

    def plan(*args, **kwargs):
        enabled_while_planning.append(gc.isenabled())
        return original(*args, **kwargs)

    with mock.patch.object(assembly, "_plan", side_effect=plan):
        bulletin_of(agency_a, Week(2026, 48), 2)
    assert enabled_while_planning == [False]
    assert gc.isenabled()


def test_garbage_collection_is_back_after_a_failed_assembly(archive, agency_a):
    NewsItemPageFactory(parent=agency_a.index_page)
    with (
        mock.patch.object(assembly, "_plan", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        assemble(Week(2026, 48), now=AFTER_W49)
    assert gc.isenabled()


def test_search_fields_are_prepared_once_per_indexing(archive, agency_a):
    bulletin = bulletin_of(agency_a, Week(2026, 48), 3)
    original = BulletinPage.contents_for_search
    with mock.patch.object(
        BulletinPage, "contents_for_search", autospec=True, side_effect=original
    ) as contents:
        insert_or_update_object(bulletin)
    assert contents.call_count == 1


def test_reference_index_of_a_bulletin_loads_none_of_its_items(archive, agency_a):
    small = bulletin_of(agency_a, Week(2026, 48), 3)
    large = bulletin_of(agency_a, Week(2026, 49), 12)

    def indexing_queries(bulletin):
        page = BulletinPage.objects.get(pk=bulletin.pk)
        with CaptureQueriesContext(connection) as queries:
            ReferenceIndex.create_or_update_for_object(page)
        return [query["sql"] for query in queries.captured_queries]

    small_queries, large_queries = indexing_queries(small), indexing_queries(large)
    assert len(small_queries) == len(large_queries)
    # Ids at most (which still exist): no item page is loaded.
    assert not [sql for sql in large_queries if '"wagtailcore_page"."path"' in sql]


def test_reference_index_rows_are_those_wagtail_would_write(archive, agency_a):
    bulletin = BulletinPage.objects.get(pk=bulletin_of(agency_a, Week(2026, 48), 3).pk)
    wagtail_made = set(
        ReferenceIndex.objects.filter(object_id=bulletin.pk).values_list(
            "to_object_id", "model_path", "content_path"
        )
    )
    block = BulletinPage._meta.get_field("entries").stream_block
    walked = {
        (object_id, f"entries.{model_path}", f"entries.{content_path}")
        for _model, object_id, model_path, content_path in super(
            type(block), block
        ).extract_references(bulletin.entries)
    }
    assert walked == wagtail_made
    assert len(walked) == 3


def test_a_deleted_item_leaves_no_reference(archive, agency_a):
    bulletin = bulletin_of(agency_a, Week(2026, 48), 2)
    gone = bulletin.item_ids()[0]
    NewsItemPage.objects.get(pk=gone).delete()
    ReferenceIndex.create_or_update_for_object(BulletinPage.objects.get(pk=bulletin.pk))
    referenced = ReferenceIndex.objects.filter(
        object_id=bulletin.pk, model_path="entries.entry.item"
    )
    assert str(gone) not in set(referenced.values_list("to_object_id", flat=True))
    assert referenced.count() == 1


def test_site_root_paths_are_looked_up_once_per_bulletin_payload(archive, agency_a):
    bulletin = bulletin_of(agency_a, Week(2026, 48), 4)
    page = BulletinPage.objects.get(pk=bulletin.pk)
    original = Site.get_site_root_paths
    with mock.patch.object(Site, "get_site_root_paths", side_effect=original) as lookups:
        payload = delivery.bulletin_payload(page)
    assert len(payload["data"]["items"]) == 4
    assert lookups.call_count <= 2  # the bulletin's own URL and its items', not one per item


def test_assembly_loads_the_items_once(archive, agency_a):
    week = Week(2026, 48)
    start = week.period()[0]
    for n in range(5):
        item = NewsItemPageFactory(parent=agency_a.index_page, title=f"Tin {n}")
        NewsItemPage.objects.filter(pk=item.pk).update(first_published_at=start.replace(hour=17))
    with CaptureQueriesContext(connection) as queries:
        result = assemble(week, now=AFTER_W49)
    item_loads = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "wagtailcore_page"."id", "wagtailcore_page"."path"')
        and 'FROM "cchc_news_newsitempage"' in query["sql"]
    ]
    assert len(item_loads) == 1  # the items to assemble; the delivery's payload reuses them
    payload = result.bulletin.deliveries.get().payload
    assert [entry["title"] for entry in payload["data"]["items"]] == [f"Tin {n}" for n in range(5)]


@contextmanager
def bulletin_indexing_counted():
    """The bulletin pages given to the search index and to Wagtail's reference index."""
    searched, referenced = [], []
    original_search, original_references = (
        search_index.insert_or_update_object,
        ReferenceIndex.create_or_update_for_object,
    )

    def search(instance):
        searched.append(instance)
        return original_search(instance)

    def references(instance, **kwargs):
        referenced.append(instance)
        return original_references(instance, **kwargs)

    with (
        mock.patch.object(search_index, "insert_or_update_object", side_effect=search),
        mock.patch.object(ReferenceIndex, "create_or_update_for_object", side_effect=references),
    ):
        yield searched, referenced


def bulletin_pks(instances):
    return [instance.pk for instance in instances if isinstance(instance, BulletinPage)]


@pytest.mark.parametrize("auto_publish", [True, False])
def test_an_assembly_indexes_its_bulletin_once(auto_publish, settings, archive, agency_a):
    """Created, its revision saved, published: three saves, one indexing of the last state."""
    settings.BULLETIN_AUTO_PUBLISH = auto_publish
    week = Week(2026, 48)
    with bulletin_indexing_counted() as (searched, referenced):
        bulletin = bulletin_of(agency_a, week, 3)
    assert bulletin_pks(searched) == bulletin_pks(referenced) == [bulletin.pk]
    assert bulletin.live == auto_publish
    references = ReferenceIndex.objects.filter(object_id=str(bulletin.pk))
    expected = 3 if auto_publish else 0  # a draft's entries are in its revision, not its row
    assert references.filter(model_path="entries.entry.item").count() == expected


def test_a_bulletin_assembled_again_is_indexed_once(settings, archive, agency_a):
    settings.BULLETIN_AUTO_PUBLISH = False
    week = Week(2026, 48)
    bulletin = bulletin_of(agency_a, week, 2)
    with bulletin_indexing_counted() as (searched, referenced):
        assert bulletin_of(agency_a, week, 2, first=2).pk == bulletin.pk
    assert bulletin_pks(searched) == bulletin_pks(referenced) == [bulletin.pk]


def test_a_failed_assembly_leaves_no_index_entry_nor_reference(archive, agency_a):
    """The indexing runs in the assembly's transaction: rolled back with it."""
    with (
        mock.patch.object(assembly, "summary", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        bulletin_of(agency_a, Week(2026, 48), 2)
    assert not BulletinPage.objects.exists()
    bulletin_type = ContentType.objects.get_for_model(BulletinPage)
    assert not IndexEntry.objects.filter(content_type=bulletin_type).exists()
    assert not ReferenceIndex.objects.filter(content_type=bulletin_type).exists()


def test_a_draft_assembly_makes_as_many_queries_for_50_items_as_for_10(settings, archive, agency_a):
    settings.BULLETIN_AUTO_PUBLISH = False

    def queries_with(count, week):
        start = week.period()[0]
        for n in range(count):
            item = NewsItemPageFactory(parent=agency_a.index_page, title=f"Tin {week} {n}")
            NewsItemPage.objects.filter(pk=item.pk).update(
                first_published_at=start.replace(hour=17)
            )
        with CaptureQueriesContext(connection) as queries:
            assert not assemble(week, now=AFTER_W49).published
        return len(queries.captured_queries)

    queries_with(1, Week(2026, 47))  # the archive then always has earlier bulletins
    assert queries_with(50, Week(2026, 49)) == queries_with(10, Week(2026, 48))
