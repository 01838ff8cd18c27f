"""tests/db_snapshots.py: the rows a fixture's build made, written back exactly, and only in
the state and with the settings they were recorded in."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cchc_news.models import CCHCSectionPage, Topic
from cchc_news.setup import setup_cchc
from tests import db_snapshots

pytestmark = pytest.mark.django_db


@pytest.fixture
def name(request):
    """A snapshot name of this test's own, forgotten after it."""
    name = f"test: {request.node.name}"
    yield name
    forget(name)


def forget(name):
    db_snapshots._snapshots.pop(name, None)
    db_snapshots._states_met.pop(name, None)
    db_snapshots._not_written_back.discard(name)


def built_section(calls):
    def build():
        calls.append(1)
        setup_cchc()
        return CCHCSectionPage.objects.get()

    return build


def recorded_then_undone(name, build):
    """build() run through replayed() (recorded: its state met once before), then undone;
    (its result, the rows after)."""
    db_snapshots._states_met.setdefault(name, set()).add(hash(db_snapshots._fingerprint()))
    savepoint = transaction.savepoint()
    result = db_snapshots.replayed(name, build)
    rows = db_snapshots._all_rows()
    transaction.savepoint_rollback(savepoint)
    return result, rows


def test_the_rows_written_back_are_the_rows_setup_cchc_made():
    name, calls = "test: section", []
    forget(name)
    built, rows_built = recorded_then_undone(name, built_section(calls))
    assert not CCHCSectionPage.objects.exists()

    written_back = db_snapshots.replayed(name, built_section(calls))

    assert calls == [1]  # built once, then written back
    assert db_snapshots._all_rows() == rows_built  # every table, every column
    assert (type(written_back), written_back.pk, written_back.url) == (
        CCHCSectionPage,
        built.pk,
        built.url,
    )
    forget(name)


def test_a_state_is_recorded_the_second_time_it_is_met(name):
    calls = []

    def build():
        calls.append(1)
        return Topic.objects.create(name="Một")

    for _ in range(3):
        savepoint = transaction.savepoint()
        db_snapshots.replayed(name, build)
        transaction.savepoint_rollback(savepoint)
    assert calls == [1, 1]  # built, built and recorded, written back


def test_a_state_recorded_rows_lead_to_is_recorded_the_first_time(name):
    """A fixture built after another's recorded rows is recorded at once: the next test that
    asks for both in that order meets the same state (on PostgreSQL, a fixture built again
    would take new ids, and the one after it would never be recorded)."""
    after = f"{name}: after"
    calls = []
    db_snapshots._states_met.setdefault(name, set()).add(hash(db_snapshots._fingerprint()))
    try:
        for _ in range(2):
            savepoint = transaction.savepoint()
            db_snapshots.replayed(name, lambda: calls.append(1) or Topic.objects.create(name="Một"))
            db_snapshots.replayed(
                after, lambda: calls.append(2) or Topic.objects.create(name="Hai")
            )
            assert sorted(Topic.objects.values_list("name", flat=True)) == ["Hai", "Một"]
            transaction.savepoint_rollback(savepoint)
        assert calls == [1, 2]  # both recorded the first time, then both written back
    finally:
        forget(after)


def test_a_result_of_several_objects_is_loaded_again_item_by_item(name):
    """A fixture of several rows (a dict, a list, a tuple, a namespace of them, with plain
    values)."""
    calls = []

    def build():
        calls.append(1)
        one, two = Topic.objects.create(name="Một"), Topic.objects.create(name="Hai")
        return {
            "one": one,
            "both": [one, two],
            "pair": (two, "hai", 2, None),
            "named": SimpleNamespace(two=two),
        }

    built, _rows = recorded_then_undone(name, build)
    written_back = db_snapshots.replayed(name, build)

    assert calls == [1]
    assert written_back["one"].name == "Một"
    assert [topic.pk for topic in written_back["both"]] == [topic.pk for topic in built["both"]]
    assert written_back["pair"][0].name == "Hai"
    assert written_back["pair"][1:] == ("hai", 2, None)
    assert written_back["named"].two.name == "Hai"


def test_a_result_that_cannot_be_loaded_again_is_built_each_time(name):
    """Anything but model instances, containers of them and plain values (a function, an
    unsaved instance) is not recorded: the fixture builds each time."""
    calls = []

    def build():
        calls.append(1)
        topic = Topic.objects.create(name="Một")
        return {"topic": topic, "rename": lambda text: text.upper()}

    for _ in range(3):
        savepoint = transaction.savepoint()
        db_snapshots.replayed(name, build)
        transaction.savepoint_rollback(savepoint)
    assert calls == [1, 1, 1]
    assert db_snapshots._snapshots.get(name, []) == []


def test_rows_that_do_not_write_back_as_recorded_are_undone_and_the_fixture_builds(name):
    calls = []

    def build():
        calls.append(1)
        return Topic.objects.create(name="Một")

    recorded_then_undone(name, build)
    # As if a table that is only counted had not been filled as when it was recorded.
    db_snapshots._snapshots[name][0].fingerprint_after = ()

    for _ in range(2):
        savepoint = transaction.savepoint()
        assert db_snapshots.replayed(name, build).name == "Một"
        assert Topic.objects.count() == 1  # the rows written back were rolled back
        transaction.savepoint_rollback(savepoint)
    assert calls == [1, 1, 1]  # recorded, then built each time from then on


def test_another_state_builds(name):
    calls = []
    recorded_then_undone(name, lambda: calls.append(1) or Topic.objects.create(name="Một"))
    Topic.objects.create(name="Hai")  # a row more than when it was recorded

    topic = db_snapshots.replayed(name, lambda: calls.append(2) or Topic.objects.create(name="Một"))

    assert calls == [1, 2]
    assert sorted(Topic.objects.values_list("name", flat=True)) == ["Hai", "Một"]
    assert topic.name == "Một"


def test_a_row_changed_in_place_since_builds(name, section):
    """The same counts, but a row the fixture changes is not as it was recorded."""
    calls = []

    def build():
        calls.append(1)
        CCHCSectionPage.objects.update(intro="<p>Giới thiệu</p>")
        return CCHCSectionPage.objects.get()

    recorded_then_undone(name, build)
    CCHCSectionPage.objects.update(intro="<p>Sửa tay</p>")

    assert db_snapshots.replayed(name, build).intro == "<p>Giới thiệu</p>"
    assert calls == [1, 1]


def test_rows_referring_to_a_row_that_is_no_longer_as_recorded_build(name):
    """The same counts and ids, but a row the fixture's rows refer to is not the one they
    referred to when recorded: agencies made in another order give a user the group of
    another agency under the same id."""
    calls = []
    group = Group.objects.create(name="Lãnh đạo Sở Tư pháp")

    def build():
        calls.append(1)
        user = get_user_model().objects.create(username="head")
        user.groups.add(group)
        return user

    recorded_then_undone(name, build)
    Group.objects.filter(pk=group.pk).update(name="Lãnh đạo phường Bến Thành")

    db_snapshots.replayed(name, build)
    assert calls == [1, 1]


def test_a_setting_read_by_the_build_that_changed_builds(name, settings):
    calls = []

    def build():
        calls.append(getattr(settings, "CCHC_SNAPSHOT_PROBE", None))
        return Topic.objects.create(name=f"Chủ đề {calls[-1]}")

    settings.CCHC_SNAPSHOT_PROBE = "a"
    recorded_then_undone(name, build)
    settings.CCHC_SNAPSHOT_PROBE = "b"

    assert db_snapshots.replayed(name, build).name == "Chủ đề b"
    assert calls == ["a", "b"]


# serialized_rollback as every transactional test of the suite: a flush without it makes the
# content types again under new ids, and the next serialized test cannot load its own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transactional_test_always_builds(name):
    assert not connection.in_atomic_block
    calls = []
    for _ in range(2):
        db_snapshots.replayed(name, lambda: calls.append(1) or Topic.objects.create(name="Ba"))
        Topic.objects.all().delete()
    assert calls == [1, 1]
    assert db_snapshots._snapshots.get(name, []) == []


def statements_of(action):
    """The SQL that `action()` sends, in order."""
    with CaptureQueriesContext(connection) as captured:
        action()
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planning only")
def test_the_fingerprint_is_planned_once_per_connection_on_postgresql(section):
    """Planning its ~180 subqueries took 8 of its 12 ms; prepared, it is only executed. The
    statement outlives a rolled-back transaction, and a new connection prepares it again."""
    first = db_snapshots._fingerprint()
    assert statements_of(db_snapshots._fingerprint) == ["EXECUTE cchc_test_fingerprint"]
    savepoint = transaction.savepoint()
    Topic.objects.create(name="Một chủ đề", slug="mot-chu-de")
    changed = db_snapshots._fingerprint()
    transaction.savepoint_rollback(savepoint)
    assert changed != first
    assert db_snapshots._fingerprint() == first


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planning only")
def test_a_new_connection_prepares_the_fingerprint_again():
    first = db_snapshots._fingerprint()
    connection.close()
    sent = statements_of(db_snapshots._fingerprint)
    assert sent[0].startswith("PREPARE cchc_test_fingerprint AS SELECT ")
    assert sent[1:] == ["EXECUTE cchc_test_fingerprint"]
    assert db_snapshots._fingerprint() == first
