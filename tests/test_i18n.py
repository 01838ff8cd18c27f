"""Vietnamese is the default language, ships compiled, and the admin can switch to English."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(p for p in ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")) + [
    ROOT / "locale/vi/LC_MESSAGES/django.po"
]


def test_defaults_are_vietnamese_and_ho_chi_minh_time():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert ("en", "English") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_and_compiled(catalogue):
    po = polib.pofile(str(catalogue))
    untranslated = [e.msgid for e in po if not e.translated() and not e.obsolete]
    assert untranslated == []
    compiled = catalogue.with_suffix(".mo")
    assert compiled.exists(), f"run `make messages`: {compiled} is missing"
    # Keyed by context too: one msgid may have a translation per context.
    compiled_strings = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(compiled))}
    source_strings = {
        (e.msgctxt, e.msgid): e.msgstr for e in po if e.translated() and not e.msgid_plural
    }
    assert {k: compiled_strings.get(k) for k in source_strings} == source_strings, (
        "the .mo is older than the .po: run `make messages`"
    )


def test_translations_are_active():
    with translation.override("vi"):
        assert translation.gettext("Skip to main content") == "Chuyển đến nội dung chính"
        assert translation.gettext("CCHC office") == "Phòng CCHC"


@pytest.mark.django_db
def test_admin_is_vietnamese_by_default_and_english_per_user(client, make_user):
    user = make_user("chuyenvien", is_superuser=True)
    client.force_login(user)
    # An English browser does not switch the admin: only the user's own preference does.
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert '<html lang="vi"' in response.content.decode()

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    response = client.get(reverse("wagtailadmin_home"))
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_public_pages_stay_vietnamese_for_an_english_browser(client, section):
    response = client.get(section.url, HTTP_ACCEPT_LANGUAGE="en-US,en")
    content = response.content.decode()
    assert '<html lang="vi">' in content
    assert "Chuyển đến nội dung chính" in content
