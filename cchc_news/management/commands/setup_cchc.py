from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cchc_news.setup import setup_cchc


class Command(BaseCommand):
    help = "Create or complete the CCHC section, agency spaces, groups, permissions and workflow."

    def handle(self, *args, **options):
        changes = setup_cchc()
        if options["verbosity"] == 0:
            return
        for change in changes:
            self.stdout.write(f"  {change}")
        if changes:
            self.stdout.write(self.style.SUCCESS(_("CCHC set-up: %d changes.") % len(changes)))
        else:
            self.stdout.write(
                self.style.SUCCESS(_("CCHC set-up: already complete, nothing changed."))
            )
