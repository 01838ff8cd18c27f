"""Who may read which participation figures."""

from cchc_news.models import Agency

from .models import VIEW_REPORT

REPORT_PERMISSION = f"participation.{VIEW_REPORT}"


def can_view_report(user):
    """The full report: whoever holds the permission (setup_cchc grants it to the CCHC office and
    the Department's leadership; Settings → Groups to any group) and active superusers."""
    return user.is_authenticated and user.has_perm(REPORT_PERMISSION)


def own_agencies(user):
    """The agencies whose editors or heads `user` is one of: all their own view shows."""
    return Agency.for_user(user).select_related("kind")


def has_own_agency(user):
    cached = getattr(user, "_participation_has_agency", None)
    if cached is None:
        cached = user.is_active and Agency.for_user(user).exists()
        user._participation_has_agency = cached
    return cached
