"""People's names in Vietnamese order.

Django's user keeps a first name (here: the middle and given names, "Thị Thu Hà") and a last
name (the family name, "Nguyễn") and writes them first-then-last, as English does: "Thị Thu Hà
Nguyễn". A Vietnamese name puts the family name first. Wagtail shows ``get_full_name()`` wherever
it names a person (workflow history, comments, locks, e-mails, the user list), so the full name
of the default user model is written family name first; the short name stays the given names.

The sidebar greets the user by ``first_name`` alone (Wagtail's MainMenuModule), which in this
order is the given names without the family name ("Thị Thu Hà"): with the setting on it shows
the full name instead.

It changes Django's own user model for the whole site, so it is the host's choice:
WAGTAIL_VI_NAME_ORDER = True turns it on (wagtail_vi.conf; off by default).
"""

from django.conf import settings

from . import conf


def vietnamese_full_name(user):
    """ "Nguyễn Thị Thu Hà": the family name, then the middle and given names."""
    return " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)


def use_vietnamese_name_order():
    """With WAGTAIL_VI_NAME_ORDER on, give Django's own user model the Vietnamese full name (a
    custom model decides itself); with it off, leave (or put back) Django's own order."""
    if settings.AUTH_USER_MODEL != "auth.User":
        return
    from django.contrib.auth.models import User

    if conf.get("WAGTAIL_VI_NAME_ORDER"):
        User.get_full_name = vietnamese_full_name
    elif vars(User).get("get_full_name") is vietnamese_full_name:
        del User.get_full_name  # AbstractUser's again


def follow_name_order_setting(setting, **kwargs):
    """setting_changed (override_settings in tests): apply the new value at once."""
    if setting in ("WAGTAIL_VI_NAME_ORDER", "AUTH_USER_MODEL"):
        use_vietnamese_name_order()


def full_name_in_sidebar():
    """Wrap the sidebar's arguments once: its user's name is the full name while the setting is
    on (read at each render, so that override_settings applies)."""
    from wagtail.admin.ui.sidebar import MainMenuModule

    original = MainMenuModule.js_args
    if getattr(original, "wagtail_vi_full_name", False):
        return

    def js_args(self):
        args = original(self)
        full_name = getattr(self.user, "get_full_name", lambda: "")()
        if conf.get("WAGTAIL_VI_NAME_ORDER") and full_name:
            args[2]["name"] = full_name
        return args

    js_args.wagtail_vi_full_name = True
    MainMenuModule.js_args = js_args
