"""System checks of the subscriptions' settings.

Registered when the app is ready (SubscriptionsConfig.ready); ids in the README ("Settings"):
E001 a value of the wrong type, E002 a number out of range, E010 a required app missing.
"""

from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cchc_news.setting_checks import TEXT, Expect, check_values, missing_apps, whole_number

from . import conf


def is_mailbox_or_empty(value):
    if value == "":
        return True
    try:
        validate_email(value)
    except (ValidationError, TypeError):
        return False
    return True


MAILBOX = Expect("an e-mail address, or empty", is_mailbox_or_empty)
EXPECTED = {
    "SUBSCRIPTIONS_CONFIRMATION_MAX_AGE": whole_number(60),
    "SUBSCRIPTIONS_CONFIRMATIONS_PER_ADDRESS": whole_number(1),
    "SUBSCRIPTIONS_REQUESTS_PER_CLIENT": whole_number(1),
    "SUBSCRIPTIONS_UNCONFIRMED_RETENTION_DAYS": whole_number(1),
    "SUBSCRIPTIONS_SENT_RETENTION_DAYS": whole_number(1),
    "SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO": MAILBOX,
    "SUBSCRIPTIONS_BATCH": whole_number(1),
    "SUBSCRIPTIONS_CLIENT_ADDRESS": TEXT,
    "SUBSCRIPTIONS_FROM_EMAIL": TEXT,
}
REQUIRED_APPS = ("cchc_news", "bulletin")


@checks.register()
def check_settings(app_configs=None, **kwargs):
    return check_values("subscriptions", EXPECTED, conf.DEFAULTS)


@checks.register()
def check_required_apps(app_configs=None, **kwargs):
    return missing_apps("subscriptions", REQUIRED_APPS)
