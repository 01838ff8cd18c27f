"""System checks of cchc_news's settings and of what it needs from the host project.

Registered when the app is ready (CCHCNewsConfig.ready); `manage.py check` runs them. The ids
are listed in the README ("Settings"); cchc_news.setting_checks says how they are numbered.
"""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from . import conf
from .setting_checks import (
    BOOLEAN,
    TEXT,
    Expect,
    check_values,
    dotted,
    is_number,
    middleware_positions,
    missing_apps,
    not_http_url,
    whole_number,
)

NAMES = Expect(
    "a list of query parameter names",
    lambda value: isinstance(value, list | tuple) and all(isinstance(v, str) for v in value),
)
MODEL_LABELS = Expect(
    'a list of "app_label.ModelName" strings',
    lambda value: isinstance(value, list | tuple) and all(isinstance(v, str) for v in value),
)
DELAYS = Expect(
    "a non-empty list of numbers of seconds, each greater than 0",
    lambda value: (
        isinstance(value, list | tuple)
        and bool(value)
        and all(is_number(v) and v > 0 for v in value)
    ),
)
EXPECTED = {
    "CCHC_MAX_UPLOAD_BYTES": whole_number(1),
    "CCHC_CHARS_PER_PAGE": whole_number(1),
    "CCHC_MAX_PAGES": whole_number(1),
    "CCHC_SUMMARY_MAX_CHARS": whole_number(1),
    "CCHC_PAGE_CACHE_SECONDS": whole_number(0),
    "CCHC_PAGE_CACHE_WORKER_BYTES": whole_number(0),
    "CCHC_SEARCH_KEPT_QUERIES": whole_number(0),
    "CCHC_PAGE_CACHE_ALIAS": TEXT,
    "CCHC_PAGE_CACHE_PARAMETERS": NAMES,
    "CCHC_SEARCH_PAGE_TYPES": MODEL_LABELS,
    "CCHC_SEARCH_RANKED_MATCHES": whole_number(1),
    "CCHC_SEARCH_MAX_WORDS": whole_number(1),
    "CCHC_SEARCH_TIMEOUT_MS": whole_number(0),
    "CCHC_TICK_SECONDS": whole_number(1),
    "WEBSUB_HUB_URL": TEXT,
    "CCHC_OUTBOX_MAX_ATTEMPTS": whole_number(1),
    "CCHC_OUTBOX_RETRY_SCHEDULE": DELAYS,
    "CCHC_OUTBOX_BATCH": whole_number(1),
    "CCHC_OUTBOX_TRANSPORT": TEXT,
    "CCHC_CONFIGURE_DEFAULT_SITE": BOOLEAN,
    "CCHC_MAIL_IN_HOST": TEXT,
    "CCHC_MAIL_IN_PORT": whole_number(1),
    "CCHC_MAIL_IN_CA_FILE": TEXT,
    "CCHC_MAIL_IN_USER": TEXT,
    "CCHC_MAIL_IN_PASSWORD": TEXT,
    "CCHC_MAIL_IN_FOLDER": TEXT,
    "CCHC_MAIL_IN_PROCESSED_FOLDER": TEXT,
    "CCHC_MAIL_IN_INTERVAL_SECONDS": whole_number(1),
    "CCHC_MAIL_IN_BATCH": whole_number(1),
    "CCHC_MAIL_IN_MAX_BYTES": whole_number(1),
    "CCHC_MAIL_IN_AUTHSERV_ID": TEXT,
}
MAIL_IN_SECURITY = ("ssl", "starttls", "none")
REQUIRED_APPS = (
    "wagtail",
    "wagtail.admin",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.contrib.routable_page",  # the section's pages and their templates' tags
    "wagtail.contrib.settings",  # the Department's identity (models.DepartmentIdentity)
)
SESSION_AND_AUTH = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
)


@checks.register()
def check_settings(app_configs=None, **kwargs):
    return check_values("cchc_news", EXPECTED, conf.DEFAULTS)


@checks.register()
def check_required_apps(app_configs=None, **kwargs):
    return missing_apps("cchc_news", REQUIRED_APPS)


@checks.register()
def check_page_cache_alias(app_configs=None, **kwargs):
    alias = conf.get("CCHC_PAGE_CACHE_ALIAS")
    if not isinstance(alias, str) or alias in settings.CACHES:
        return []
    return [
        checks.Error(
            f"CCHC_PAGE_CACHE_ALIAS {alias!r} is not an entry of CACHES.",
            hint="Set CCHC_PAGE_CACHE_ALIAS to one of the names in CACHES (default: 'default').",
            id="cchc_news.E005",
        )
    ]


def names_no_page_model(label, installed):
    """A malformed label, or one of an installed app that names no page model (labels of apps
    not installed are left out of the search: the default names the bulletin's)."""
    from django.apps import apps
    from wagtail.models import Page

    app_label, dot, model_name = label.partition(".")
    if not (app_label and dot and model_name) or "." in model_name:
        return True
    if app_label not in installed:
        return False
    model = apps.all_models[app_label].get(model_name.lower())
    return model is None or not issubclass(model, Page)


@checks.register()
def check_search_page_types(app_configs=None, **kwargs):
    from django.apps import apps

    labels = conf.get("CCHC_SEARCH_PAGE_TYPES")
    if not MODEL_LABELS.accepts(labels):
        return []  # E001
    installed = {config.label for config in apps.get_app_configs()}
    return [
        checks.Error(
            f"CCHC_SEARCH_PAGE_TYPES names {label!r}, which is not a page model.",
            hint='Name page models as "app_label.ModelName", e.g. "cchc_news.NewsItemPage".',
            id="cchc_news.E006",
        )
        for label in labels
        if names_no_page_model(label, installed)
    ]


@checks.register()
def check_document_access(app_configs=None, **kwargs):
    from .public.document_scope import ALL, SECTION

    value = conf.get("CCHC_DOCUMENT_ACCESS")
    if value in (SECTION, ALL):
        return []
    return [
        checks.Error(
            f"CCHC_DOCUMENT_ACCESS must be {SECTION!r} or {ALL!r}, not {value!r}.",
            hint=f"Set CCHC_DOCUMENT_ACCESS = {SECTION!r} (the CCHC collections' files; the "
            f"default) or {ALL!r} (every document).",
            id="cchc_news.E008",
        )
    ]


@checks.register()
def check_mail_in_security(app_configs=None, **kwargs):
    """E014: how the mailbox is reached (cchc_news.mail_in.imap); "none" (the password sent
    unencrypted) only for a server on this machine."""
    from .mail_in.connection import is_loopback

    value, host = conf.get("CCHC_MAIL_IN_SECURITY"), conf.get("CCHC_MAIL_IN_HOST")
    hint = 'Set "ssl" (IMAPS, port 993), "starttls" (port 143) or "none" (same machine only).'
    if value not in MAIL_IN_SECURITY:
        message = f"CCHC_MAIL_IN_SECURITY must be one of {MAIL_IN_SECURITY}, not {value!r}."
    elif value == "none" and isinstance(host, str) and host and not is_loopback(host):
        message = f'CCHC_MAIL_IN_SECURITY "none" would send the password unencrypted to {host!r}.'
    else:
        return []
    return [checks.Error(message, hint=hint, id="cchc_news.E014")]


@checks.register()
def check_mail_in_ca_file(app_configs=None, **kwargs):
    """E015: the CA certificate the mail server is verified against must exist."""
    path = conf.get("CCHC_MAIL_IN_CA_FILE")
    if not path or not isinstance(path, str) or Path(path).is_file():
        return []  # the system's trust store, or E001
    return [
        checks.Error(
            f"CCHC_MAIL_IN_CA_FILE {path!r} is not a file.",
            hint="Set the path of the CA certificate (PEM) that signed the mail server's "
            "certificate, or leave it empty to use the system's trust store.",
            id="cchc_news.E015",
        )
    ]


@checks.register()
def check_base_url(app_configs=None, **kwargs):
    """E007: links in e-mails and feeds are built on WAGTAILADMIN_BASE_URL (Wagtail's own
    check, wagtailadmin.W003, says when it is missing)."""
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", None)
    hint = (
        "Set WAGTAILADMIN_BASE_URL to the site's address, e.g. "
        "'https://sonoivu.example.gov.vn': e-mails and feeds link to it."
    )
    if base_url is None:
        return []
    return not_http_url("WAGTAILADMIN_BASE_URL", base_url, hint, "cchc_news.E007")


@checks.register()
def check_hub_url(app_configs=None, **kwargs):
    """E009: the WebSub hub is reached over http(s)."""
    hint = (
        "Set WEBSUB_HUB_URL to the hub's address, e.g. 'https://hub.example.gov.vn/', "
        "or leave it empty (no hub)."
    )
    url = conf.get("WEBSUB_HUB_URL")
    if not url or not isinstance(url, str):
        return []  # no hub, or E001
    return not_http_url("WEBSUB_HUB_URL", url, hint, "cchc_news.E009")


@checks.register()
def check_outbox_transport(app_configs=None, **kwargs):
    """E013: the outbox must not send through itself (nothing would ever leave)."""
    from .outbox.sending import OUTBOX_BACKEND

    if conf.get("CCHC_OUTBOX_TRANSPORT") != OUTBOX_BACKEND:
        return []
    return [
        checks.Error(
            "CCHC_OUTBOX_TRANSPORT is the outbox itself: no e-mail would ever be sent.",
            hint="Set CCHC_OUTBOX_TRANSPORT to the backend that sends, e.g. "
            "'django.core.mail.backends.smtp.EmailBackend'.",
            id="cchc_news.E013",
        )
    ]


# What cchc_news needs from the host's MIDDLEWARE, documents, Celery and search.


@checks.register()
def check_required_middleware(app_configs=None, **kwargs):
    """E011: the chooser's guard; E012: the admin's writes in one transaction."""
    from .admin.page_chooser import PageChooserVisibilityMiddleware
    from .admin.transactions import AtomicAdminWritesMiddleware

    messages = []
    if not middleware_positions(PageChooserVisibilityMiddleware):
        messages.append(
            checks.Error(
                "PageChooserVisibilityMiddleware is not in MIDDLEWARE: the page chooser would "
                "show agencies each other's drafts.",
                hint=f"Add {dotted(PageChooserVisibilityMiddleware)!r} to MIDDLEWARE.",
                id="cchc_news.E011",
            )
        )
    atomic_requests = settings.DATABASES.get("default", {}).get("ATOMIC_REQUESTS", False)
    if not (middleware_positions(AtomicAdminWritesMiddleware) or atomic_requests):
        messages.append(
            checks.Error(
                "AtomicAdminWritesMiddleware is not in MIDDLEWARE: an admin action that fails "
                "half way (publishing a bulletin, withdrawing an item) would be left half done.",
                hint=f"Add {dotted(AtomicAdminWritesMiddleware)!r} last in MIDDLEWARE (or set "
                "ATOMIC_REQUESTS on the default database).",
                id="cchc_news.E012",
            )
        )
    return messages


@checks.register()
def check_page_cache_middleware(app_configs=None, **kwargs):
    """W001: the (optional) page cache must answer before sessions, CSRF and authentication
    run, or it would store what they add to a response for one visitor."""
    from .public.page_cache import PageCacheMiddleware

    middleware = list(getattr(settings, "MIDDLEWARE", None) or [])
    cache_at = middleware_positions(PageCacheMiddleware)
    inner = [middleware.index(path) for path in SESSION_AND_AUTH if path in middleware]
    if not (cache_at and inner and max(cache_at) > min(inner)):
        return []
    return [
        checks.Warning(
            "PageCacheMiddleware comes after the session, CSRF or authentication middleware: "
            "it could store a response meant for one visitor.",
            hint=f"Move {dotted(PageCacheMiddleware)!r} before SessionMiddleware (right after "
            "WhiteNoise or SecurityMiddleware).",
            id="cchc_news.W001",
        )
    ]


@checks.register()
def check_documents(app_configs=None, **kwargs):
    """W002: documents served past Wagtail's view skip the access check of unpublished
    items' files; W003: uploads are not judged by their content; W006: image titles keep
    bidirectional control characters."""
    from .uploads.documents import CCHCDocumentForm
    from .uploads.images import CCHCImageForm

    messages = []
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) in ("direct", "redirect"):
        messages.append(
            checks.Warning(
                "WAGTAILDOCS_SERVE_METHOD sends visitors to the file in storage: an item's "
                "original file could be downloaded before the item is published.",
                hint="Set WAGTAILDOCS_SERVE_METHOD = 'serve_view'.",
                id="cchc_news.W002",
            )
        )
    if not is_form_base("WAGTAILDOCS_DOCUMENT_FORM_BASE", CCHCDocumentForm):
        messages.append(
            checks.Warning(
                "WAGTAILDOCS_DOCUMENT_FORM_BASE is not cchc_news's document form: files are "
                "judged by their content only when an item is submitted, not at upload.",
                hint=f"Set WAGTAILDOCS_DOCUMENT_FORM_BASE = {dotted(CCHCDocumentForm)!r} (or a "
                "subclass of it).",
                id="cchc_news.W003",
            )
        )
    if not is_form_base("WAGTAILIMAGES_IMAGE_FORM_BASE", CCHCImageForm):
        messages.append(
            checks.Warning(
                "WAGTAILIMAGES_IMAGE_FORM_BASE is not cchc_news's image form: image titles may "
                "hold characters that show text in reverse order.",
                hint=f"Set WAGTAILIMAGES_IMAGE_FORM_BASE = {dotted(CCHCImageForm)!r} (or a "
                "subclass of it).",
                id="cchc_news.W006",
            )
        )
    return messages


def is_form_base(setting, form_class):
    """Whether the form class named by `setting` is `form_class` or a subclass of it."""
    form_base = getattr(settings, setting, None)
    try:
        configured = import_string(form_base) if form_base else None
    except ImportError:
        configured = None  # Wagtail's own check reports it
    return isinstance(configured, type) and issubclass(configured, form_class)


@checks.register()
def check_beat_schedule(app_configs=None, **kwargs):
    """W004: with a Celery broker, beat must send the tick (or run_scheduler must run)."""
    if not getattr(settings, "CELERY_BROKER_URL", None):
        return []  # tasks run in-process: manage.py run_scheduler ticks
    beat = getattr(settings, "CELERY_BEAT_SCHEDULE", None) or {}
    if any(entry.get("task") == conf.TICK_TASK for entry in beat.values()):
        return []
    return [
        checks.Warning(
            f"CELERY_BEAT_SCHEDULE has no entry for the task {conf.TICK_TASK!r}: without it "
            "nothing is assembled, delivered, reminded or published on schedule.",
            hint="Set CELERY_BEAT_SCHEDULE = cchc_news.conf.celery_beat_schedule("
            "CCHC_TICK_SECONDS, also_at=BULLETIN_SCHEDULE), or run manage.py run_scheduler and "
            "silence this check.",
            id="cchc_news.W004",
        )
    ]


@checks.register()
def check_search_backend(app_configs=None, **kwargs):
    """W005: the section's search ignores diacritics only with cchc_news's search backend."""
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", None) or {}
    backend = backends.get("default", {}).get("BACKEND", "")
    if backend.startswith("cchc_news.public.search_backends."):
        return []
    return [
        checks.Warning(
            "The default search backend is not one of cchc_news.public.search_backends: the "
            "section's "
            "search would not find 'dang uy' in 'Đảng ủy'.",
            hint="Set WAGTAILSEARCH_BACKENDS['default']['BACKEND'] to "
            "'cchc_news.public.search_backends.postgres' (with SEARCH_CONFIG 'cchc_vietnamese') on "
            "PostgreSQL, 'cchc_news.public.search_backends.sqlite' on SQLite.",
            id="cchc_news.W005",
        )
    ]
