"""Settings of the host portal, read from environment variables (12-factor).

With nothing set, the embedded set-up applies: a SQLite file in the repository,
an in-memory cache and Celery tasks run in-process. See README.md for the table.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cchc_news.conf import celery_beat_schedule

from .cache import resilient_redis_cache
from .environment import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project's apps first so that their templates and translations win...
    "portal",
    "home",
    "cchc_demo",
    "cchc_news",
    "bulletin",
    "participation",
    "subscriptions",
    # The Vietnamese Wagtail admin: before the Wagtail apps so that its catalogue wins.
    "wagtail_vi",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # The review's own e-mails replace Wagtail's notifiers in its workflows only, whatever
    # the order of the apps (workflows.scope).
    "workflows",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Password guessing: failed logins counted, lock-outs (portal.lockouts).
    "axes",
    # Health probes (portal.health): its page template and `manage.py health_check readyz`.
    "health_check",
]

MIDDLEWARE = [
    # First: every line logged while answering carries the request's id (portal.request_id).
    "portal.request_id.RequestIdMiddleware",
    # /healthz and /readyz, ahead of the page cache and the host check (portal.health.views).
    "portal.health.views.ProbeMiddleware",
    # Answers anonymous visitors from the cache, before sessions and auth; ahead of
    # SecurityMiddleware, whose headers it stores with each entry (so that the WSGI front
    # door, portal.wsgi, answers a hit with them without running any middleware).
    "cchc_news.public.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An anonymous GET's Site and the pages of its URL, read once per generation of public
    # content (after the page cache: a hit needs neither; after WhiteNoise: nor do static files).
    "cchc_news.public.route_cache.RouteCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The page chooser views that Wagtail's chooser hook does not reach.
    "cchc_news.admin.page_chooser.PageChooserVisibilityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The portal's 404 page with DEBUG on too; outside the redirects, which answer first.
    "portal.not_found.PortalNotFoundMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out login into the lock-out page (portal.lockouts.response).
    "axes.middleware.AxesMiddleware",
    # Last: each write to the admin is one transaction, all or nothing (publishing a page
    # runs receivers that must not be left half done).
    "cchc_news.admin.transactions.AtomicAdminWritesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: PostgreSQL in production and CI, a SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded set-up writes from two processes (the web server and the scheduler).
    # IMMEDIATE takes the write lock when a transaction begins, so a transaction never fails
    # half way with "database is locked" when it goes from reading to writing; the timeout is
    # how long a writer waits for the other one's transaction instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": env_int("SQLITE_TIMEOUT", 20), "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    # Django's Redis cache that answers "not cached" while Redis is unreachable.
    CACHES = {"default": resilient_redis_cache(CACHE_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous visitors' pages and feeds are cached this long (0 disables), purged on any change.
CCHC_PAGE_CACHE_SECONDS = env_int("CCHC_PAGE_CACHE_SECONDS", 300)
CCHC_PAGE_CACHE_ALIAS = "default"  # the entry of CACHES that holds them
CCHC_PAGE_CACHE_BYPASS_PREFIXES = ("/healthz", "/readyz")  # the probes never wait for Redis
# Queries whose ranking each process keeps until public content changes (0: none).
CCHC_SEARCH_KEPT_QUERIES = env_int("CCHC_SEARCH_KEPT_QUERIES", 256)

# Password guessing (django-axes; portal.lockouts): an account is locked from one address after
# LOGIN_FAILURE_LIMIT failed logins within LOGIN_LOCKOUT_MINUTES, until that many minutes have
# passed without another try; an address alone after LOGIN_ADDRESS_FAILURE_LIMIT failures on any
# accounts (0: no such limit). Superusers lift lock-outs under Settings → Login lock-outs.
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out login before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
PORTAL_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_HANDLER = "portal.lockouts.handler.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "portal.lockouts.response.lockout_response"
# The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address
# the outermost of them saw (X-Forwarded-For, counted from the right: a client cannot forge it).
PORTAL_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "portal.lockouts.handler.client_address"
# The bulletin's subscription form counts requests per client address by the same rule.
SUBSCRIPTIONS_CLIENT_ADDRESS = "portal.lockouts.handler.client_address"
AXES_RESET_ON_SUCCESS = True
# Every failed login kept (who, from where, when, locked out or not), not only the counters.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Vietnamese by default; each admin user may pick English
# in their account settings (Wagtail activates the user's preferred language).
# No LocaleMiddleware: the browser's Accept-Language must not turn the portal English.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: the checklist limits the original file; Django must accept it first.
CCHC_MAX_UPLOAD_BYTES = env_int("CCHC_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# The submission checklist (cchc_news/checklist.py explains the figures).
CCHC_CHARS_PER_PAGE = env_int("CCHC_CHARS_PER_PAGE", 3350)
CCHC_MAX_PAGES = env_int("CCHC_MAX_PAGES", 3)
CCHC_SUMMARY_MAX_CHARS = env_int("CCHC_SUMMARY_MAX_CHARS", 500)
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt"]
# Documents always go through Wagtail's view, where cchc_news.public.document_access hides those
# that no live page uses; never link or redirect to the file in storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# ...for every document of the portal, not only the CCHC collections'
# (cchc_news.public.document_scope).
CCHC_DOCUMENT_ACCESS = "all"
# Refuses uploads whose content is not an allowed type or whose size is over the limit.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cchc_news.uploads.documents.CCHCDocumentForm"
# Image titles without bidirectional control characters (cchc_news.text_safety).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cchc_news.uploads.images.CCHCImageForm"
DATA_UPLOAD_MAX_MEMORY_SIZE = CCHC_MAX_UPLOAD_BYTES + 1024 * 1024
# Readable by the proxy's user (www-data) whatever the services' umask (0027 in deploy/systemd).
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755

# E-mail: every e-mail (the review's, Wagtail's and Django's own: password resets) is written
# to the database outbox in the caller's transaction and sent from there after the commit
# (cchc_news.outbox), through CCHC_OUTBOX_TRANSPORT: the environment's EMAIL_BACKEND.
EMAIL_BACKEND = "cchc_news.outbox.backend.OutboxEmailBackend"
CCHC_OUTBOX_TRANSPORT = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
CCHC_OUTBOX_MAX_ATTEMPTS = env_int("CCHC_OUTBOX_MAX_ATTEMPTS", 8)
# Mail in: the reform office's mailbox, read over IMAP (unset host: not read).
CCHC_MAIL_IN_HOST = os.environ.get("CCHC_MAIL_IN_HOST", "")
CCHC_MAIL_IN_PORT = env_int("CCHC_MAIL_IN_PORT", 993)
CCHC_MAIL_IN_SECURITY = os.environ.get("CCHC_MAIL_IN_SECURITY", "ssl")
CCHC_MAIL_IN_CA_FILE = os.environ.get("CCHC_MAIL_IN_CA_FILE", "")
CCHC_MAIL_IN_USER = os.environ.get("CCHC_MAIL_IN_USER", "")
CCHC_MAIL_IN_PASSWORD = os.environ.get("CCHC_MAIL_IN_PASSWORD", "")
CCHC_MAIL_IN_FOLDER = os.environ.get("CCHC_MAIL_IN_FOLDER", "INBOX")
CCHC_MAIL_IN_PROCESSED_FOLDER = os.environ.get("CCHC_MAIL_IN_PROCESSED_FOLDER", "Processed")
CCHC_MAIL_IN_INTERVAL_SECONDS = env_int("CCHC_MAIL_IN_INTERVAL_SECONDS", 300)
CCHC_MAIL_IN_AUTHSERV_ID = os.environ.get("CCHC_MAIL_IN_AUTHSERV_ID", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cchc@sonoivu.example.gov.vn")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Sở Nội vụ")
# The portal's public address, stated once: links in e-mails and feeds, and (setup_cchc, asked by
# CCHC_CONFIGURE_DEFAULT_SITE) the default Site's host name and port, so canonical links.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
CCHC_CONFIGURE_DEFAULT_SITE = True
WAGTAIL_I18N_ENABLED = False
# Slugs stay ASCII; Vietnamese titles are transliterated (see cchc_news.slugs).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Search that ignores Vietnamese diacritics ("dang uy" finds "Đảng ủy"): a text search
# configuration (migration cchc_news 0003) on PostgreSQL, folding in Python on SQLite.
if DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis")):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "cchc_news.public.search_backends.postgres",
            "SEARCH_CONFIG": "cchc_vietnamese",
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cchc_news.public.search_backends.sqlite"}}
# Wagtail's own tasks (search and reference index) in-process, as by default, each run once per
# page at the end of an action that saves it several times (cchc_news.task_batches).
TASKS = {"default": {"BACKEND": "cchc_news.task_batches.CoalescingImmediateBackend"}}
# The page types that the section's search (cai-cach-hanh-chinh/tim-kiem/) returns.
CCHC_SEARCH_PAGE_TYPES = ["cchc_news.NewsItemPage", "bulletin.BulletinPage"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin would send a hash of every editor's e-mail address to a third party
# (and show broken pictures on networks without internet); Wagtail draws its own default
# avatar, and people may upload their own picture under Account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's login form, with its password label translated (wagtail_vi).
WAGTAILADMIN_USER_LOGIN_FORM = "wagtail_vi.forms.LoginForm"
# Full names family name first ("Nguyễn Thị Thu Hà") wherever the admin names a person: it
# changes Django's User.get_full_name for the whole site, hence a choice of the host (wagtail_vi).
WAGTAIL_VI_NAME_ORDER = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = CCHC_MAX_UPLOAD_BYTES
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# Day-first parsing of what those pickers send, in Vietnamese and English.
FORMAT_MODULE_PATH = ["portal.formats"]

# Celery, its broker and the schedule (portal.celery_settings).
from .celery_settings import *  # noqa: E402, F403

CELERY_TIMEZONE = TIME_ZONE

# Health probes and the dashboard's system status (portal.health_settings).
from .health_settings import *  # noqa: E402, F403

# The weekly assembly: a crontab in TIME_ZONE (minute hour day-of-month month day-of-week).
BULLETIN_SCHEDULE = os.environ.get("BULLETIN_SCHEDULE", "0 16 * * 5")
# The scheduler's tick (cchc_news.scheduler) runs every periodic job: scheduled publishing,
# the assembly of every past week whose cut-off has passed without a bulletin, due deliveries
# and due reminders. Each job looks at what is due, so a tick lost to a broker outage, a
# stopped beat or a killed worker is made up by the next one. It runs every CCHC_TICK_SECONDS
# and once more exactly at the cut-off; a queued tick expires after one interval.
CCHC_TICK_SECONDS = env_int("CCHC_TICK_SECONDS", 60)
CELERY_BEAT_SCHEDULE = celery_beat_schedule(CCHC_TICK_SECONDS, also_at=BULLETIN_SCHEDULE)
# How many past weeks the tick looks at for a missing bulletin.
BULLETIN_CATCH_UP_WEEKS = env_int("BULLETIN_CATCH_UP_WEEKS", 8)

# Publish the assembled bulletin at once, or leave it a draft for the CCHC office.
BULLETIN_AUTO_PUBLISH = env_bool("BULLETIN_AUTO_PUBLISH", True)

# Moderation
CCHC_PREVENT_SELF_APPROVAL = env_bool("CCHC_PREVENT_SELF_APPROVAL", True)
CCHC_REVIEW_REMINDER_WORKING_DAYS = env_int("CCHC_REVIEW_REMINDER_WORKING_DAYS", 2)
# A step whose reminders have gone unanswered this many working days (counted from the first
# reminder) is escalated to the CCHC office, once; at the agency head's step the office may then
# act in the head's place. A step nobody can review is told to the office at once, whatever this.
CCHC_ESCALATE_AFTER_WORKING_DAYS = env_int("CCHC_ESCALATE_AFTER_WORKING_DAYS", 3)
# Our own notifier mails the right reviewers; superusers are not copied on everything.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Account → Notifications shows each user the switches of their review e-mails (workflows).
CCHC_REVIEW_NOTIFICATION_PREFERENCES = True
# setup_cchc turns off Wagtail's "Moderators approval" on the root: the portal's own pages
# (the home page) are published by the office without a review.
CCHC_DEACTIVATE_WAGTAIL_DEFAULT_WORKFLOW = True

# Central e-bulletin and WebSub
CENTRAL_FEED_URL = os.environ.get("CENTRAL_FEED_URL", "")
CENTRAL_FEED_SECRET = os.environ.get("CENTRAL_FEED_SECRET", "")
# "webhook" (signed POST, default) or "email" (the PDF and links to CENTRAL_FEED_EMAIL).
CENTRAL_FEED_BACKEND = os.environ.get("CENTRAL_FEED_BACKEND", "webhook")
CENTRAL_FEED_EMAIL = os.environ.get("CENTRAL_FEED_EMAIL", "")
CENTRAL_FEED_MAX_ATTEMPTS = env_int("CENTRAL_FEED_MAX_ATTEMPTS", 9)
CENTRAL_FEED_CONNECT_TIMEOUT = env_int("CENTRAL_FEED_CONNECT_TIMEOUT", 5)
CENTRAL_FEED_READ_TIMEOUT = env_int("CENTRAL_FEED_READ_TIMEOUT", 15)
WEBSUB_HUB_URL = os.environ.get("WEBSUB_HUB_URL", "")

# Logs (one line per event, LOG_FORMAT=json) and Sentry (portal.logging_settings).
from .logging_settings import *  # noqa: E402, F403

# Security for production (portal.security_settings).
from .security_settings import *  # noqa: E402, F403
