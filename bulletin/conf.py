"""The bulletin's settings, each with its default: a host sets only what it changes.

Read through get() at each call (override_settings and a changed deployment apply at once);
bulletin.checks explains a bad value at start-up. The tick (CCHC_TICK_SECONDS) and the hub
(WEBSUB_HUB_URL) are cchc_news's settings (cchc_news.conf).
"""

from django.conf import settings

from cchc_news.conf import parse_crontab

# Seconds to wait after attempt 1, 2, ...: nine attempts spread over about a day.
RETRY_SCHEDULE = (60, 300, 900, 3600, 7200, 14400, 28800, 28800)

DEFAULTS = {
    # The weekly cut-off: a five-field crontab in TIME_ZONE (bulletin.cutoff); editors see it
    # through cchc_news's "cchc_news_cutoff" hook.
    "BULLETIN_SCHEDULE": "0 16 * * 5",
    # Publish the assembled bulletin at once, or leave a draft for the CCHC office.
    "BULLETIN_AUTO_PUBLISH": True,
    # How many past weeks the tick looks at for a week without its bulletin.
    "BULLETIN_CATCH_UP_WEEKS": 8,
    # The central e-bulletin: "webhook" (signed POST to CENTRAL_FEED_URL with the whsec_
    # CENTRAL_FEED_SECRET), "email" (to CENTRAL_FEED_EMAIL), or the dotted path of a backend
    # class. Unconfigured, deliveries are recorded as skipped.
    "CENTRAL_FEED_BACKEND": "webhook",
    "CENTRAL_FEED_URL": "",
    "CENTRAL_FEED_SECRET": "",
    "CENTRAL_FEED_EMAIL": "",
    "CENTRAL_FEED_MAX_ATTEMPTS": len(RETRY_SCHEDULE) + 1,
    "CENTRAL_FEED_RETRY_SCHEDULE": RETRY_SCHEDULE,
    "CENTRAL_FEED_CONNECT_TIMEOUT": 5,
    "CENTRAL_FEED_READ_TIMEOUT": 15,
}


def get(name):
    """The host's setting `name`, or its default (a name not in DEFAULTS is a KeyError)."""
    return getattr(settings, name, DEFAULTS[name])


def cutoff_crontab():
    """The crontab of BULLETIN_SCHEDULE (bulletin.checks refuses one that is not valid)."""
    return parse_crontab(get("BULLETIN_SCHEDULE"))
