"""cchc_news's settings, each with its default: a host sets only what it changes.

Every read goes through get(), at call time and never copied at import, so that
override_settings in tests and a changed deployment apply at once. cchc_news.checks explains a
missing or bad value at start-up. This module reads django.conf.settings only when called, so a
host's settings module may import it (celery_beat_schedule).
"""

from functools import lru_cache

from celery.schedules import ParseException, crontab
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS = {
    # Largest original file or image accepted, in bytes (the checklist and the upload form).
    "CCHC_MAX_UPLOAD_BYTES": 10 * 1024 * 1024,
    # Nghị định 30/2020/NĐ-CP, Phụ lục I: Times New Roman 14 pt, single spacing, standard
    # margins hold about 3,350 characters of Vietnamese prose per A4 page (about 4,000 at 13 pt).
    # The 14 pt figure is the conservative one: an item that fits here fits at 13 pt as well.
    "CCHC_CHARS_PER_PAGE": 3350,
    # The Department's letter: a news item is at most 3 A4 pages.
    "CCHC_MAX_PAGES": 3,
    # The summary (sapo) is two or three sentences.
    "CCHC_SUMMARY_MAX_CHARS": 500,
    # Anonymous visitors' pages and feeds are cached this long (0: no page cache), in the
    # CACHES entry CCHC_PAGE_CACHE_ALIAS (cchc_news.public.page_cache).
    "CCHC_PAGE_CACHE_SECONDS": 300,
    "CCHC_PAGE_CACHE_ALIAS": "default",
    # What each worker process keeps of the entries it served, so that a hit reads only the
    # generation from the cache (cchc_news.public.worker_copies); 0: nothing.
    "CCHC_PAGE_CACHE_WORKER_BYTES": 16 * 1024 * 1024,
    # The query parameters that the page cache keys entries by (cchc_news.query_parameters):
    # the listings' page and filters, the sitemap's page. Others (utm_*, fbclid, ...) are
    # ignored by the pages that declare so, and share their entry.
    "CCHC_PAGE_CACHE_PARAMETERS": ("page", "agency", "topic", "campaign", "from", "to", "p"),
    # Paths the page cache never looks up, besides the admin, documents, STATIC_URL and
    # MEDIA_URL: the host's health probes, say, which must not wait for Redis.
    "CCHC_PAGE_CACHE_BYPASS_PREFIXES": (),
    # The page types the section's search returns; types of apps not installed are left out.
    "CCHC_SEARCH_PAGE_TYPES": ("cchc_news.NewsItemPage", "bulletin.BulletinPage"),
    # How many queries' rankings each process keeps until public content next changes
    # (cchc_news.public.search; 0: none, each search ranks its matches).
    "CCHC_SEARCH_KEPT_QUERIES": 256,
    # The search ranks at most this many matches: those of a query that matches more are
    # the most recent this many (ranking costs a computation per match), and the results
    # page then says "more than" this many results.
    "CCHC_SEARCH_RANKED_MATCHES": 200,
    # The search looks for at most this many different words of a query, the first ones
    # (the page says so): PostgreSQL ranks a match by every pair of positions of every pair of
    # words, a cost that grows with the square of the words typed.
    "CCHC_SEARCH_MAX_WORDS": 10,
    # The search's ranking query is stopped after this many milliseconds (0: never) and the
    # page says so: a query that costs that much, or a table locked by maintenance, must not
    # hold a server process for as long as it lasts (cchc_news.statement_time_limit).
    "CCHC_SEARCH_TIMEOUT_MS": 2000,
    # The documents visitors download only once a live, public page uses them: "section" (the
    # CCHC collections: the section's and the agencies') or "all" (cchc_news.public.document_scope).
    "CCHC_DOCUMENT_ACCESS": "section",
    # Seconds between two ticks of the scheduler (Celery beat or manage.py run_scheduler).
    "CCHC_TICK_SECONDS": 60,
    # A WebSub hub that the feeds advertise and that is pinged on publication ("": none).
    "WEBSUB_HUB_URL": "",
    # The e-mail outbox (cchc_news.outbox): how many times an e-mail is tried before it is
    # marked failed, the seconds to wait after the 1st, 2nd, ... failed try (the last one
    # repeats), how many rows one run sends, and the backend that really sends when
    # EMAIL_BACKEND is the outbox itself.
    "CCHC_OUTBOX_MAX_ATTEMPTS": 8,
    "CCHC_OUTBOX_RETRY_SCHEDULE": (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600),
    "CCHC_OUTBOX_BATCH": 50,
    "CCHC_OUTBOX_TRANSPORT": "django.core.mail.backends.smtp.EmailBackend",
    # `setup_cchc` gives the default Wagtail Site the host name and port of
    # WAGTAILADMIN_BASE_URL and the name WAGTAIL_SITE_NAME (cchc_news.default_site).
    "CCHC_CONFIGURE_DEFAULT_SITE": False,
    # Mail in (cchc_news.mail_in): the office's mailbox, read over IMAP ("" host: not read);
    # security "ssl" (IMAPS), "starttls" or "none" (a server on the same machine only).
    "CCHC_MAIL_IN_HOST": "",
    "CCHC_MAIL_IN_PORT": 993,
    "CCHC_MAIL_IN_SECURITY": "ssl",
    # A CA certificate file (PEM) the server's certificate is verified against ("": the
    # system's trust store); verification is never turned off.
    "CCHC_MAIL_IN_CA_FILE": "",
    "CCHC_MAIL_IN_USER": "",
    "CCHC_MAIL_IN_PASSWORD": "",
    "CCHC_MAIL_IN_FOLDER": "INBOX",
    "CCHC_MAIL_IN_PROCESSED_FOLDER": "Processed",
    # Seconds between two reads of the mailbox by the scheduler; messages read per run.
    "CCHC_MAIL_IN_INTERVAL_SECONDS": 300,
    "CCHC_MAIL_IN_BATCH": 50,
    # A larger message goes to quarantine with its headers only.
    "CCHC_MAIL_IN_MAX_BYTES": 25 * 1024 * 1024,
    # The authserv-id of the receiving server's Authentication-Results header ("": the topmost).
    "CCHC_MAIL_IN_AUTHSERV_ID": "",
}
TICK_TASK = "cchc_news.tick"  # the one task the beat schedule sends (cchc_news.tasks)


def get(name):
    """The host's setting `name`, or its default (a name not in DEFAULTS is a KeyError)."""
    return getattr(settings, name, DEFAULTS[name])


@lru_cache(maxsize=8)
def parse_crontab(expression):
    """The Celery crontab of a five-field expression such as "0 16 * * 5"; ValueError if it
    is not one."""
    fields = expression.split() if isinstance(expression, str) else []
    if len(fields) != 5:
        raise ValueError(f"{expression!r} is not five crontab fields")
    minute, hour, day_of_month, month_of_year, day_of_week = fields
    try:
        return crontab(
            minute=minute,
            hour=hour,
            day_of_month=day_of_month,
            month_of_year=month_of_year,
            day_of_week=day_of_week,
        )
    except (ValueError, ParseException) as error:
        raise ValueError(f"{expression!r}: {error}") from error


def celery_beat_schedule(tick_seconds=60, also_at=None):
    """CELERY_BEAT_SCHEDULE entries for a host's settings: the tick every `tick_seconds` and,
    given a crontab expression `also_at` (the bulletin's cut-off, BULLETIN_SCHEDULE), once more
    exactly then; a queued tick expires after one interval (the next one does its work anyway).
    Pass the same values as CCHC_TICK_SECONDS and BULLETIN_SCHEDULE."""
    options = {"expires": tick_seconds}
    entries = {"tick": {"task": TICK_TASK, "schedule": float(tick_seconds), "options": options}}
    if also_at:
        try:
            at = parse_crontab(also_at)
        except ValueError as error:
            raise ImproperlyConfigured(f"BULLETIN_SCHEDULE: {error}") from error
        entries["tick-at-cutoff"] = {"task": TICK_TASK, "schedule": at, "options": options}
    return entries
