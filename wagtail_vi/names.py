"""People's names in Vietnamese order.

Django's user keeps a first name (here: the middle and given names, "Thị Thu Hà") and a last
name (the family name, "Nguyễn") and writes them first-then-last, as English does: "Thị Thu Hà
Nguyễn". A Vietnamese name puts the family name first. Wagtail shows ``get_full_name()`` wherever
it names a person (workflow history, comments, locks, e-mails, the user list), so the full name
of the default user model is written family name first; the short name stays the given names.
"""

from django.conf import settings


def vietnamese_full_name(user):
    """ "Nguyễn Thị Thu Hà": the family name, then the middle and given names."""
    return " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)


def use_vietnamese_name_order():
    """Give Django's own user model the Vietnamese full name (a custom model decides itself)."""
    if settings.AUTH_USER_MODEL != "auth.User":
        return
    from django.contrib.auth.models import User

    User.get_full_name = vietnamese_full_name
