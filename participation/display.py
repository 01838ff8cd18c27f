"""How the figures read in the admin and in spreadsheets."""

from django.utils.translation import gettext, ngettext

from .periods import format_day


def format_duration(duration):
    """'4 days 2 hours', rounded to the hour; '' when there is no duration."""
    if duration is None:
        return ""
    hours = round(duration.total_seconds() / 3600)
    if hours < 1:
        return gettext("less than an hour")
    days, hours = divmod(hours, 24)
    parts = []
    if days:
        parts.append(ngettext("%(count)d day", "%(count)d days", days) % {"count": days})
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    return " ".join(parts)


def duration_in_days(duration):
    """Days with two decimals, a number that spreadsheets can sort and average."""
    return None if duration is None else round(duration.total_seconds() / 86400, 2)


def format_optional_day(day):
    return format_day(day) if day else ""


def agency_name(agency):
    return agency.name if agency is not None else gettext("Total")


def yes_no(value):
    if value is None:
        return ""
    return gettext("yes") if value else gettext("no")
