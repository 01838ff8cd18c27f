"""wagtail_vi's settings, each with its default: a host sets only what it changes.

Read through get() at each call; wagtail_vi.checks explains a bad value at start-up.
"""

from django.conf import settings

DEFAULTS = {
    # Write every user's full name family name first ("Nguyễn Thị Thu Hà"), wherever Django and
    # Wagtail name a person (wagtail_vi.names). Off by default: it changes Django's own user
    # model for the whole site, which a host may not want.
    "WAGTAIL_VI_NAME_ORDER": False,
}


def get(name):
    """The host's setting `name`, or its default (a name not in DEFAULTS is a KeyError)."""
    return getattr(settings, name, DEFAULTS[name])
