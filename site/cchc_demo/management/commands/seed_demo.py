from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cchc_demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Fill the CCHC section with demo agencies, users and news items (runs setup_cchc first; "
        "running it again creates nothing new) and print the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set every demo user's password back to DEMO_PASSWORD (default cchc-demo-2026).",
        )

    def handle(self, *args, **options):
        logins = seed_demo(stdout=self.stdout, reset_passwords=options["reset_passwords"])
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
