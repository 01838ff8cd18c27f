import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from cchc_news.setup import setup_cchc
from tests import db_snapshots
from tests.db_snapshots import replayed
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _broker_failures_forgotten():
    """The broker's "down, do not try for a while" is per process: no test inherits another's."""
    from cchc_news import broker

    broker.forget_failures()
    yield
    broker.forget_failures()


@pytest.fixture(autouse=True)
def _empty_cache():
    """One locmem cache serves the whole run: no test sees pages cached by another (nor the
    copies and searches a worker keeps per generation: each test's database starts from the
    same generation)."""
    from cchc_news.public import search, worker_copies

    cache.clear()
    worker_copies.copies.clear()
    search.RANKED.clear()


def set_up_section():
    from cchc_news.models import CCHCSectionPage

    setup_cchc()
    return CCHCSectionPage.objects.get()


@pytest.fixture
def section(db):
    return replayed("section", set_up_section)


@pytest.fixture
def agency_a(section):
    return replayed(
        "agency_a",
        lambda: AgencyFactory(name="Sở Tư pháp", short_name="Sở Tư pháp", code="stp"),
    )


@pytest.fixture
def agency_b(section):
    return replayed(
        "agency_b",
        lambda: AgencyFactory(name="UBND phường Bến Thành", short_name="P. Bến Thành", code="pbt"),
    )


def pytest_collection_modifyitems(items):
    """Every transactional test rolls back serialized: a flush without it makes the content
    types again under new ids, and the next serialized test in that process cannot load its
    own (IntegrityError), which the order of a run's processes only sometimes shows."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = marker.kwargs if marker else {}
        if kwargs.get("transaction") and not kwargs.get("serialized_rollback"):
            raise pytest.UsageError(f"{item.nodeid}: django_db(transaction=True) needs "
                                    "serialized_rollback=True as well")  # fmt: skip


def pytest_sessionfinish(session):
    """A pytest-xdist worker hands its counts to the controller (pytest_testnodedown)."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["db_snapshots"] = dict(db_snapshots.stats)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: unknown to a run without it
def pytest_testnodedown(node, error):
    for name, count in getattr(node, "workeroutput", {}).get("db_snapshots", {}).items():
        db_snapshots.stats[name] += count


def pytest_terminal_summary(terminalreporter):
    counts = db_snapshots.stats
    terminalreporter.write_line(
        f"fixture rows written back (tests/db_snapshots.py): {counts['replayed']} times; "
        f"built {counts['built']} times, recorded {counts['recorded']}"
    )


@pytest.fixture
def make_user(db):
    def make(username, *groups, **kwargs):
        return UserFactory(username=username, groups=list(groups), **kwargs)

    return make


def replayed_user(make_user, username, *groups, **kwargs):
    """make_user(...) as a fixture's, written back as the others (on PostgreSQL a user built
    in each test takes a new id, and the fixtures built after it could never be written back)."""
    return replayed(f"user {username}", lambda: make_user(username, *groups, **kwargs))


@pytest.fixture
def editor_a(make_user, agency_a):
    return replayed_user(make_user, "editor_a", agency_a.editors_group)


@pytest.fixture
def head_a(make_user, agency_a):
    return replayed_user(make_user, "head_a", agency_a.heads_group)


@pytest.fixture
def editor_b(make_user, agency_b):
    return replayed_user(make_user, "editor_b", agency_b.editors_group)


@pytest.fixture
def superuser(make_user, section):
    return replayed_user(make_user, "quantri", is_superuser=True, is_staff=True)


@pytest.fixture
def office_user(make_user, section):
    from workflows.roles import office_group_name

    return replayed_user(make_user, "office", Group.objects.get(name=office_group_name()))


@pytest.fixture
def leader(make_user, section):
    from workflows.roles import leadership_group_name

    return replayed_user(make_user, "leader", Group.objects.get(name=leadership_group_name()))


UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"  # a closed port: the broker is down


@pytest.fixture
def unreachable_broker():
    """Celery configured with a broker that refuses connections; everything restored after."""
    from portal.celery import app

    keys = (
        "broker_url",
        "task_always_eager",
        "broker_connection_retry",
        "broker_connection_max_retries",
        "broker_connection_timeout",
        "broker_transport_options",
    )
    saved = {key: app.conf[key] for key in keys}  # loads the configuration before overriding
    app.conf.update(
        broker_url=UNREACHABLE_BROKER,
        task_always_eager=False,
        broker_connection_retry=False,
        broker_connection_max_retries=0,
        broker_connection_timeout=1,
        broker_transport_options={"max_retries": 0},
    )
    try:
        with override_settings(
            CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=UNREACHABLE_BROKER
        ):
            yield app
    finally:
        app.conf.update(saved)
        # Forget the connections made to the unreachable broker.
        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None


@pytest.fixture
def root_path_lookups(monkeypatch):
    """How many times Wagtail asked for the site root paths (a cache GET each: a Redis round
    trip in production); a list that grows by one per look-up."""
    from wagtail.models import Site

    calls = []
    original = Site.get_site_root_paths

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counting))
    return calls


@pytest.fixture
def no_page_cache(settings):
    """Each view rendered (the page cache off; the cache is emptied before each test anyway,
    by _empty_cache): for tests that count what a view reads."""
    settings.CCHC_PAGE_CACHE_SECONDS = 0
