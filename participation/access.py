"""Who may read which participation figures."""

from cchc_news.models import Agency
from workflows.roles import leadership_group_name, office_group_name, stored_group_name


def report_group_names():
    return [stored_group_name(office_group_name), stored_group_name(leadership_group_name)]


def can_view_report(user):
    """The full report: the CCHC office, the Department's leadership and superusers."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_participation_can_view", None)
    if cached is None:
        cached = user.groups.filter(name__in=report_group_names()).exists()
        user._participation_can_view = cached
    return cached


def own_agencies(user):
    """The agencies whose editors or heads `user` is one of: all their own view shows."""
    return Agency.for_user(user).select_related("kind")


def has_own_agency(user):
    cached = getattr(user, "_participation_has_agency", None)
    if cached is None:
        cached = user.is_active and Agency.for_user(user).exists()
        user._participation_has_agency = cached
    return cached
