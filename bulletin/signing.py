"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

signature = base64(HMAC-SHA256(key, f"{webhook_id}.{timestamp}.{body}")), sent as
"v1,<signature>"; the key is the base64 part of the "whsec_…" secret; the timestamp is
Unix seconds of this attempt, from an aware UTC clock (a naive local time would put it
seven hours off in Asia/Ho_Chi_Minh and receivers reject more than ~5 minutes of skew).
"""

import base64
import hashlib
import hmac
import time

SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)


def secret_key(secret):
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("CENTRAL_FEED_SECRET must look like whsec_<base64>")
    return base64.b64decode(secret[len(SECRET_PREFIX) :])


def sign(secret, webhook_id, timestamp, body):
    message = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret, webhook_id, body, now=None):
    timestamp = str(int(now if now is not None else time.time()))
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": sign(secret, webhook_id, timestamp, body),
    }
