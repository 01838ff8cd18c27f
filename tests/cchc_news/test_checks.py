"""cchc_news's system checks: a bad value, a missing app or middleware gives its id."""

import pytest
from django.conf import settings

from tests.system_checks import ids_of

PAGE_CHOOSER = "cchc_news.admin.page_chooser.PageChooserVisibilityMiddleware"
ATOMIC_ADMIN = "cchc_news.admin.transactions.AtomicAdminWritesMiddleware"
PAGE_CACHE = "cchc_news.public.page_cache.PageCacheMiddleware"
OUTBOX = "cchc_news.outbox.backend.OutboxEmailBackend"


def middleware_without(*paths):
    return [path for path in settings.MIDDLEWARE if path not in paths]


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"CCHC_MAX_PAGES": "3"}, "cchc_news.E001"),  # from the environment, not converted
        ({"CCHC_PAGE_CACHE_SECONDS": True}, "cchc_news.E001"),
        ({"CCHC_SEARCH_PAGE_TYPES": "cchc_news.NewsItemPage"}, "cchc_news.E001"),
        ({"CCHC_PAGE_CACHE_PARAMETERS": "page"}, "cchc_news.E001"),
        ({"CCHC_MAX_PAGES": 0}, "cchc_news.E002"),
        ({"CCHC_CHARS_PER_PAGE": -3350}, "cchc_news.E002"),
        ({"CCHC_MAX_UPLOAD_BYTES": 0}, "cchc_news.E002"),
        ({"CCHC_SUMMARY_MAX_CHARS": 0}, "cchc_news.E002"),
        ({"CCHC_TICK_SECONDS": 0}, "cchc_news.E002"),
        ({"CCHC_PAGE_CACHE_SECONDS": -1}, "cchc_news.E002"),
        ({"CCHC_PAGE_CACHE_ALIAS": "pages"}, "cchc_news.E005"),
        ({"WEBSUB_HUB_URL": "hub.example.gov.vn"}, "cchc_news.E009"),
        ({"CCHC_SEARCH_PAGE_TYPES": ["cchc_news.Agency"]}, "cchc_news.E006"),
        ({"CCHC_SEARCH_PAGE_TYPES": ["cchc_news.NoSuchPage"]}, "cchc_news.E006"),
        ({"CCHC_SEARCH_PAGE_TYPES": ["NewsItemPage"]}, "cchc_news.E006"),
        ({"CCHC_DOCUMENT_ACCESS": "everything"}, "cchc_news.E008"),
        ({"WAGTAILADMIN_BASE_URL": "sonoivu.example.gov.vn"}, "cchc_news.E007"),
        ({"WAGTAILADMIN_BASE_URL": "ftp://sonoivu.example.gov.vn"}, "cchc_news.E007"),
        ({"MIDDLEWARE": middleware_without(PAGE_CHOOSER)}, "cchc_news.E011"),
        ({"MIDDLEWARE": middleware_without(ATOMIC_ADMIN)}, "cchc_news.E012"),
        ({"MIDDLEWARE": [*middleware_without(PAGE_CACHE), PAGE_CACHE]}, "cchc_news.W001"),
        ({"WAGTAILDOCS_SERVE_METHOD": "direct"}, "cchc_news.W002"),
        ({"WAGTAILDOCS_SERVE_METHOD": "redirect"}, "cchc_news.W002"),
        ({"WAGTAILDOCS_DOCUMENT_FORM_BASE": None}, "cchc_news.W003"),
        ({"WAGTAILIMAGES_IMAGE_FORM_BASE": None}, "cchc_news.W006"),
        (
            {"WAGTAILIMAGES_IMAGE_FORM_BASE": "wagtail.images.forms.BaseImageForm"},
            "cchc_news.W006",
        ),
        ({"CELERY_BROKER_URL": "redis://redis/0", "CELERY_BEAT_SCHEDULE": {}}, "cchc_news.W004"),
        ({"WAGTAILSEARCH_BACKENDS": {}}, "cchc_news.W005"),
        ({"CCHC_OUTBOX_MAX_ATTEMPTS": 0}, "cchc_news.E002"),
        ({"CCHC_OUTBOX_BATCH": "50"}, "cchc_news.E001"),
        ({"CCHC_OUTBOX_RETRY_SCHEDULE": []}, "cchc_news.E001"),
        ({"CCHC_OUTBOX_RETRY_SCHEDULE": [60, 0]}, "cchc_news.E001"),
        ({"CCHC_OUTBOX_TRANSPORT": OUTBOX}, "cchc_news.E013"),
    ],
)
def test_a_bad_value_gives_the_checks_id(overrides, expected):
    assert expected in ids_of("cchc_news", **overrides)


@pytest.mark.parametrize("app", ["wagtail.contrib.routable_page", "wagtail.contrib.settings"])
def test_a_missing_wagtail_app_is_named(settings, app):
    apps = [name for name in settings.INSTALLED_APPS if name != app]
    assert "cchc_news.E010" in ids_of("cchc_news", INSTALLED_APPS=apps)


def test_a_search_type_of_an_app_not_installed_is_left_out():
    assert ids_of("cchc_news", CCHC_SEARCH_PAGE_TYPES=["elsewhere.Page"]) == set()


def test_the_page_cache_is_optional_and_atomic_requests_stand_for_the_admins_transaction(
    monkeypatch,
):
    monkeypatch.setitem(settings.DATABASES["default"], "ATOMIC_REQUESTS", True)
    middleware = middleware_without(PAGE_CACHE, ATOMIC_ADMIN)
    assert ids_of("cchc_news", MIDDLEWARE=middleware) == set()


def test_without_a_broker_the_scheduler_needs_no_beat_schedule():
    assert ids_of("cchc_news", CELERY_BROKER_URL="", CELERY_BEAT_SCHEDULE={}) == set()
