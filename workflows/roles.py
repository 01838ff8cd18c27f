"""The department-wide groups' names: the CCHC office and the leadership (setup_cchc creates them
in the site's language; the agencies' groups are cchc_news.provisioning's). Only the set-up finds
them by name: access is decided by the permissions it grants them (workflows.stand_in.STAND_IN,
participation's report permission), which survive a renamed group."""

from django.utils.translation import gettext as _


def office_group_name():
    return _("CCHC office")


def leadership_group_name():
    return _("Leadership")
