"""gunicorn's settings: its error and access logs in the portal's format (LOG_FORMAT).

    gunicorn -c site/portal/gunicorn_conf.py portal.wsgi --bind 127.0.0.1:8000

The access line carries the request's id (the X-Request-ID of the response) and, in JSON,
its method, path, status, size and duration as fields.
"""

import logging
import os
import sys
from pathlib import Path

# site/ holds the host project (see portal/wsgi.py); gunicorn reads this file before it
# imports the application.
SITE_DIR = Path(__file__).resolve().parent.parent
for path in (SITE_DIR.parent, SITE_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from portal.logging_config import logging_config  # noqa: E402

logconfig_dict = logging_config(os.environ.get("LOG_LEVEL", "INFO"), os.environ.get("LOG_FORMAT"))
# Python's warnings become log lines too (the workers are forked after this runs).
logging.captureWarnings(True)
# The message of a plain access line.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# No control socket: by default every gunicorn of a user opens the same ~/.gunicorn/gunicorn.ctl
# (a second site's, the bench's), outside what the systemd unit lets it write; nothing uses it.
control_socket_disable = True
