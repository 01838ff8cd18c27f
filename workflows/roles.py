"""The department-wide groups' names: the CCHC office and the leadership (setup_cchc creates them
in the site's language; the agencies' groups are cchc_news.provisioning's)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


def office_group_name():
    return _("CCHC office")


def leadership_group_name():
    return _("Leadership")


def stored_group_name(group_name):
    """A group's name as setup_cchc stored it: in the site's language, whatever the user's own."""
    with translation.override(settings.LANGUAGE_CODE):
        return group_name()
