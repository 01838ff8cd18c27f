"""A delivery's last error as the office reads it: what happened in Vietnamese, then the detail.

`FeedDelivery.last_error` keeps the technical record the backends write (“HTTP 503”,
“ConnectionError: …”, “not configured: …”), which the log and the command show as it is; the
admin explains it when it shows it, in the reader's language.
"""

import re

from django.utils.translation import gettext as _

NOT_CONFIGURED = "not configured"
HTTP_STATUS = re.compile(r"^HTTP (\d{3})\b")
EXCEPTION = re.compile(r"^[A-Z]\w*(Error|Exception|Timeout)\w*: ")


def explain_error(error):
    """The office's reading of a stored error; unknown shapes are shown as they are."""
    if not error:
        return ""
    if error.startswith(NOT_CONFIGURED):
        return _(
            "Not sent: the central e-bulletin's address is not configured "
            "(CENTRAL_FEED_URL, CENTRAL_FEED_SECRET)."
        )
    if match := HTTP_STATUS.match(error):
        status = int(match[1])
        if status >= 500:
            message = _("The central e-bulletin's server had a fault (HTTP %(status)s).")
        else:
            message = _("The central e-bulletin's server refused the bulletin (HTTP %(status)s).")
        return message % {"status": status}
    if EXCEPTION.match(error):
        return _("The central e-bulletin's server could not be reached (%(detail)s).") % {
            "detail": error
        }
    return error
