from django.utils.translation import gettext as _

from .models import BulletinIndexPage

ARCHIVE_SLUG = "ban-tin"


def ensure_archive(section):
    """The bulletin archive page under the CCHC section."""
    if BulletinIndexPage.objects.exists():
        return []
    # In the section's menu (the header navigation); the office may untick it in the admin.
    archive = BulletinIndexPage(title=_("CCHC bulletin"), slug=ARCHIVE_SLUG, show_in_menus=True)
    section.add_child(instance=archive)
    archive.save_revision().publish()
    return [_("created the bulletin archive page")]
