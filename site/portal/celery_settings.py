"""Celery settings: with no broker, tasks run in-process (the embedded set-up)."""

import os

from .environment import env_float

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ENABLE_UTC = True
# Acknowledge a task when it has run, not when it starts, and put it back in the queue when
# its pool process dies (killed, out of memory): a lost task runs again instead of vanishing.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged message to another worker after this many seconds: a task
# with a countdown/ETA longer than this is delivered twice, and the message of a worker
# killed outright comes back only after it. Every task here is safe to run twice, and retries
# over hours live in the database (bulletin.delivery), not in countdowns. See the README.
#
# A hung Redis (alive, not answering) accepts the TCP connection and never replies, and
# redis-py's default socket timeout is None: every blocking broker call gives up after
# CELERY_BROKER_SOCKET_TIMEOUT seconds instead, one publish tries at most twice, and a web
# process that failed leaves the broker alone for a while (cchc_news.broker). The worker's
# BRPOP runs in its event loop, outside these timeouts.
CELERY_BROKER_SOCKET_TIMEOUT = env_float("CELERY_BROKER_SOCKET_TIMEOUT", 1.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_timeout": CELERY_BROKER_SOCKET_TIMEOUT,
    "socket_connect_timeout": CELERY_BROKER_SOCKET_TIMEOUT,
    # A command that timed out is not sent again by redis-py: the publish retry policy decides.
    "retry_on_timeout": False,
    "max_retries": 1,
}
# Enqueueing happens inside web requests (after commit): with the broker unreachable,
# fail fast; what was not queued is in the database and the scheduler's tick does it.
CELERY_BROKER_CONNECTION_TIMEOUT = CELERY_BROKER_SOCKET_TIMEOUT
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
