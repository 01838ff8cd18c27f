"""How a delivery leaves: a small interface, the backend chosen by a setting.

`webhook` (default): a signed HTTP POST (Standard Webhooks). `email`: the bulletin's PDF and
links mailed to an address, the channel the central e-bulletin uses today. `websub`: the
hub ping of WebSub publishers. Each returns an Outcome; none raises for a failed delivery.
"""

import json
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import requests
from django.utils import timezone
from django.utils.module_loading import import_string

from cchc_news import conf as news_conf
from cchc_news.outbox.sending import transport_connection

from . import conf
from .signing import signed_headers

EXCERPT_CHARS = 1000
USER_AGENT = "cchc-news-bulletin/1.0 (+Wagtail)"
RETRYABLE_STATUSES = {408, 429}


@dataclass
class Outcome:
    succeeded: bool
    retryable: bool = False
    http_status: int | None = None
    response_excerpt: str = ""
    error: str = ""
    retry_after: float | None = None  # seconds, when the receiver asked for it


def timeouts():
    return (
        conf.get("CENTRAL_FEED_CONNECT_TIMEOUT"),
        conf.get("CENTRAL_FEED_READ_TIMEOUT"),
    )


def parse_retry_after(value):
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - timezone.now()).total_seconds())
    except (TypeError, ValueError, IndexError):
        return None


def outcome_of_response(response):
    status = response.status_code
    excerpt = response.text[:EXCERPT_CHARS]
    if 200 <= status < 300:
        return Outcome(True, http_status=status, response_excerpt=excerpt)
    retryable = status in RETRYABLE_STATUSES or status >= 500
    return Outcome(
        False,
        retryable=retryable,
        http_status=status,
        response_excerpt=excerpt,
        error=f"HTTP {status}",
        retry_after=parse_retry_after(response.headers.get("Retry-After")) if retryable else None,
    )


def post(url, body, headers):
    """POST and classify: network errors and timeouts are retryable."""
    try:
        response = requests.post(
            url,
            data=body,
            headers={"User-Agent": USER_AGENT, **headers},
            timeout=timeouts(),
            allow_redirects=False,
            verify=True,
        )
    except requests.RequestException as error:
        return Outcome(False, retryable=True, error=f"{type(error).__name__}: {error}"[:500])
    return outcome_of_response(response)


class WebhookBackend:
    """The signed JSON POST to CENTRAL_FEED_URL."""

    name = "webhook"

    def target(self):
        return conf.get("CENTRAL_FEED_URL")

    def is_configured(self):
        return bool(conf.get("CENTRAL_FEED_URL") and conf.get("CENTRAL_FEED_SECRET"))

    def send(self, delivery):
        body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        headers |= signed_headers(conf.get("CENTRAL_FEED_SECRET"), delivery.webhook_id, body)
        return post(delivery.target, body, headers)


class EmailBackend:
    """The bulletin's PDF and links mailed to CENTRAL_FEED_EMAIL."""

    name = "email"

    def target(self):
        return conf.get("CENTRAL_FEED_EMAIL")

    def is_configured(self):
        return bool(self.target())

    def send(self, delivery):
        from .emails import bulletin_email

        try:
            # Straight to the SMTP server, not through the e-mail outbox: this delivery is
            # itself an outbox row with its attempts, and "delivered" must mean sent.
            message = bulletin_email(delivery)
            message.connection = transport_connection()
            message.send()
        except Exception as error:  # SMTP errors are transient as often as not
            return Outcome(False, retryable=True, error=f"{type(error).__name__}: {error}"[:500])
        return Outcome(True, response_excerpt=f"mailed to {', '.join(message.to)}")


class WebSubBackend:
    """hub.mode=publish to WEBSUB_HUB_URL for the feeds that changed."""

    name = "websub"

    def target(self):
        return news_conf.get("WEBSUB_HUB_URL")

    def is_configured(self):
        return bool(news_conf.get("WEBSUB_HUB_URL"))

    def send(self, delivery):
        data = [("hub.mode", "publish")] + [("hub.url", url) for url in delivery.payload["topics"]]
        return post(delivery.target, data, {})


BACKENDS = {"webhook": WebhookBackend, "email": EmailBackend, "websub": WebSubBackend}


def get_backend(name):
    backend = BACKENDS.get(name)
    return backend() if backend else import_string(name)()


def central_backend():
    """The central e-bulletin's backend: CENTRAL_FEED_BACKEND, "webhook" or "email"."""
    return get_backend(conf.get("CENTRAL_FEED_BACKEND"))
