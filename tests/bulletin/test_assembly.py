import pytest
from django.db import IntegrityError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from bulletin import membership
from bulletin.assembly import assemble
from bulletin.models import BulletinMembership, BulletinPage
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from tests.factories import NewsItemPageFactory, TopicFactory

from .conftest import local

pytestmark = pytest.mark.django_db

W48, W49 = Week(2026, 48), Week(2026, 49)
# A moment after W49's cut-off: these tests are about what goes in, not about when a week may
# be assembled (that is tests/bulletin/test_admin_assembly.py and test_command.py).
AFTER_W49 = local(2026, 12, 7, 9, 0)
CUTOFF_48 = local(2026, 11, 27, 16, 0)


def bulletin_titles(bulletin):
    bulletin.refresh_from_db()
    return [item.title for _topic, entries in bulletin.sections() for item, _note in entries]


def test_assembles_the_weeks_items_grouped_by_topic_then_time(archive, publish_item):
    results, activities = TopicFactory(name="Kết quả"), TopicFactory(name="Hoạt động")
    results.sort_order, activities.sort_order = 1, 0
    results.save(), activities.save()
    late_result = publish_item(local(2026, 11, 26, 9, 0), "Kết quả muộn", results)
    early_result = publish_item(local(2026, 11, 23, 9, 0), "Kết quả sớm", results)
    activity = publish_item(local(2026, 11, 24, 9, 0), "Hoạt động", activities)

    result = assemble(W48)

    bulletin = result.bulletin
    assert result.created and result.published and bulletin.live
    assert bulletin.title == "Bản tin CCHC số 1/2026"
    assert (bulletin.iso_year, bulletin.iso_week, bulletin.number) == (2026, 48, 1)
    assert (bulletin.period_start, bulletin.period_end) == (local(2026, 11, 20, 16, 0), CUTOFF_48)
    assert bulletin.url == "/cai-cach-hanh-chinh/ban-tin/2026-so-1/"
    sections = bulletin.sections()
    assert [topic.name for topic, _entries in sections] == ["Hoạt động", "Kết quả"]
    assert bulletin_titles(bulletin) == ["Hoạt động", "Kết quả sớm", "Kết quả muộn"]
    assert set(BulletinMembership.objects.values_list("item_id", flat=True)) == {
        late_result.pk,
        early_result.pk,
        activity.pk,
    }


def test_item_one_minute_after_the_cutoff_rolls_into_the_next_bulletin_only(archive, publish_item):
    on_time = publish_item(local(2026, 11, 27, 15, 59), "Kịp hạn")
    late = publish_item(local(2026, 11, 27, 16, 1), "Trễ một phút")

    first = assemble(W48).bulletin
    second = assemble(W49, now=AFTER_W49).bulletin

    assert bulletin_titles(first) == ["Kịp hạn"]
    assert bulletin_titles(second) == ["Trễ một phút"]
    assert second.number == 2
    assert BulletinMembership.objects.get(item=late).bulletin == second
    assert BulletinMembership.objects.get(item=on_time).bulletin == first


def test_running_twice_changes_nothing_and_adds_each_item_once(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0))
    assemble(W48)
    second = assemble(W48)
    assert BulletinPage.objects.count() == 1
    assert not second.added and not second.created and not second.published
    assert BulletinMembership.objects.count() == 1


def test_a_published_bulletin_is_never_changed_late_items_wait(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Đúng hạn")
    bulletin = assemble(W48).bulletin
    revisions = bulletin.revisions.count()
    # Approved before the cut-off but after the bulletin went out (a manual early run).
    straggler = publish_item(local(2026, 11, 27, 10, 0), "Đến sau khi đã phát hành")

    again = assemble(W48)

    assert not again.published and [i.pk for i in again.waiting] == [straggler.pk]
    assert bulletin.revisions.count() == revisions
    assert bulletin_titles(bulletin) == ["Đúng hạn"]
    next_bulletin = assemble(W49, now=AFTER_W49).bulletin
    assert bulletin_titles(next_bulletin) == ["Đến sau khi đã phát hành"]


def test_unpublished_and_draft_items_are_left_out(archive, publish_item, agency_a):
    publish_item(local(2026, 11, 23, 9, 0), "Đã đăng")
    NewsItemPageFactory(parent=agency_a.index_page, title="Bản nháp", live=False)
    withdrawn = publish_item(local(2026, 11, 24, 9, 0), "Đã gỡ")
    withdrawn.unpublish()
    assert bulletin_titles(assemble(W48).bulletin) == ["Đã đăng"]


def test_no_items_no_bulletin(archive):
    result = assemble(W48)
    assert result.bulletin is None and not BulletinPage.objects.exists()


def test_dry_run_changes_nothing(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Thử")
    result = assemble(W48, dry_run=True)
    assert [item.title for item in result.added] == ["Thử"]
    assert not BulletinPage.objects.exists() and not BulletinMembership.objects.exists()


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_draft_mode_leaves_the_bulletin_for_the_office(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Chờ Phòng CCHC")
    result = assemble(W48)
    bulletin = BulletinPage.objects.get()
    assert not result.published and not bulletin.live
    # A later run refreshes the draft, keeping the office's notes.
    draft = bulletin.get_latest_revision_as_object()
    draft.entries[0].value["note"] = "Tin nổi bật"
    draft.save_revision()
    publish_item(local(2026, 11, 26, 9, 0), "Bổ sung")
    assemble(W48)
    draft = BulletinPage.objects.get().get_latest_revision_as_object()
    assert [(e.value["item"].title, e.value["note"]) for e in draft.entries] == [
        ("Chờ Phòng CCHC", "Tin nổi bật"),
        ("Bổ sung", ""),
    ]
    draft.get_latest_revision().publish()
    assert bulletin_titles(BulletinPage.objects.get()) == ["Chờ Phòng CCHC", "Bổ sung"]


def test_a_crash_half_way_leaves_no_half_bulletin(archive, publish_item, monkeypatch):
    publish_item(local(2026, 11, 23, 9, 0))

    def explode(*args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(membership, "sync_membership", explode)
    with pytest.raises(RuntimeError):
        assemble(W48)
    assert not BulletinPage.objects.exists()
    assert not BulletinMembership.objects.exists()


def test_database_refuses_a_second_bulletin_for_the_same_week(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0))
    assemble(W48)
    publish_item(local(2026, 12, 1, 9, 0))
    next_week = assemble(W49, now=AFTER_W49).bulletin
    with pytest.raises(IntegrityError):
        BulletinPage.objects.filter(pk=next_week.pk).update(iso_week=48)


def test_database_refuses_an_item_in_two_bulletins(archive, publish_item):
    item = publish_item(local(2026, 11, 23, 9, 0))
    first = assemble(W48).bulletin
    publish_item(local(2026, 12, 1, 9, 0))
    second = assemble(W49, now=AFTER_W49).bulletin
    assert first != second
    with pytest.raises(IntegrityError):
        BulletinMembership.objects.create(item=item, bulletin=second)


def counted(queries):
    """Statements, counting each bulk insert once.

    SQLite caps the variables of one statement, so Django splits bulk inserts (Wagtail's
    reference index of the bulletin's 200 links) into batches; that grows with the rows
    a statement can hold, not with round trips per item.
    """
    return len(
        [q for q in queries if not q["sql"].startswith('INSERT OR IGNORE INTO "wagtailcore_ref')]
    )


def test_query_count_does_not_grow_with_items(archive, agency_a, client, subtests):
    """The assembly and the bulletin page read as much for 200 items as for 10; the items are
    made once for both (each reported apart)."""

    def queries_with(count, week):
        start = week.period()[0]
        for n in range(count):
            item = NewsItemPageFactory(parent=agency_a.index_page, title=f"Tin {week} {n}")
            NewsItemPage.objects.filter(pk=item.pk).update(
                first_published_at=start.replace(hour=17)
            )
        with CaptureQueriesContext(connection) as assembly:
            url = assemble(week, now=AFTER_W49).bulletin.url
        client.get(url)
        with CaptureQueriesContext(connection) as rendering:
            assert client.get(url).status_code == 200
        return {
            "assembly": counted(assembly.captured_queries),
            "rendering": counted(rendering.captured_queries),
        }

    queries_with(1, Week(2026, 47))  # the archive then always has earlier bulletins
    with_200, with_10 = queries_with(200, W49), queries_with(10, W48)
    for stage in ("assembly", "rendering"):
        with subtests.test(msg=stage):
            assert with_200[stage] == with_10[stage]


def test_results_are_told_in_full_sentences(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Thử")
    assert assemble(W48, dry_run=True).message == (
        "Nếu tổng hợp bây giờ, bản tin sẽ có thêm 1 tin, bài mới, giữ nguyên 0 và bỏ 0."
    )
    assert assemble(W48).message == (
        "Đã đăng Bản tin CCHC số 1/2026: thêm 1 tin, bài mới, giữ nguyên 0, bỏ 0."
    )
    assert assemble(W49).message == "Chưa có tin, bài nào được duyệt để tổng hợp."


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_a_draft_result_says_it_is_a_draft(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Thử")
    assert assemble(W48).message == (
        "Đã lưu bản nháp Bản tin CCHC số 1/2026: thêm 1 tin, bài mới, giữ nguyên 0, bỏ 0."
    )
