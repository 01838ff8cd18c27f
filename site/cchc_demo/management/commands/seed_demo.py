from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cchc_demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Fill the CCHC section with demo agencies, users and news items (runs setup_cchc first; "
        "running it again creates nothing new), rebuild the search index and print the demo "
        "logins (-v 2: also each thing created)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set every demo user's password back to DEMO_PASSWORD (default cchc-demo-2026).",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        # Each thing created at -v 2; by default only the logins, the last lines `make run`
        # prints before it serves (they scrolled away under ~800 lines of set-up).
        stdout = self.stdout if verbosity >= 2 else None
        logins = seed_demo(stdout=stdout, reset_passwords=options["reset_passwords"])
        # The search index as `update_index` leaves it (items are dated after they are saved).
        call_command("update_index", verbosity=0, stdout=StringIO())
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(_("Demo content is in place. Demo logins:")))
            self.write_table(logins)

    def write_table(self, logins):
        unchanged = _("(not DEMO_PASSWORD; use --reset-passwords)")
        headers = (
            pgettext("demo logins", "Username"),
            pgettext("demo logins", "Password"),
            pgettext("demo logins", "Role"),
            pgettext("demo logins", "Agency"),
        )
        rows = [headers]
        rows += [
            (username, password or unchanged, role, agency or "—")
            for role, username, password, agency in logins
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        rows.insert(1, tuple("-" * width for width in widths))
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
