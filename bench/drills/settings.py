"""The drills' settings: the production settings (portal.settings, read from the environment)
with two changes that only shorten the drills' waits.

- Static files are served without the hashed manifest, so no collectstatic is needed.
- The central feed's retries come after seconds instead of minutes (production: 1 min, 5 min,
  15 min, ...), so that "feed down then back" settles within a drill; the retry logic is the
  product's own.
"""

import os

from portal.settings import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
_RETRIES = os.environ.get("DRILLS_RETRY_SCHEDULE", "3,5,10,20,30,60")
CENTRAL_FEED_RETRY_SCHEDULE = tuple(int(seconds) for seconds in _RETRIES.split(","))
CENTRAL_FEED_MAX_ATTEMPTS = len(CENTRAL_FEED_RETRY_SCHEDULE) + 1
