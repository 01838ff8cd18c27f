from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bulletin.assembly import current_week
from bulletin.delivery import deliver_bulletin
from bulletin.models import BulletinPage


def find_bulletin(reference):
    """A page id, "N/YYYY" (number in an ISO year) or "N" (number in the current year)."""
    number, _sep, year = reference.partition("/")
    if not number.isdigit() or (year and not year.isdigit()):
        raise CommandError(_("Give a bulletin as a page id, N/YYYY or N, not “%s”.") % reference)
    bulletins = BulletinPage.objects.filter(first_published_at__isnull=False)
    if year:
        found = bulletins.filter(number=int(number), iso_year=int(year)).first()
    else:
        found = (
            bulletins.filter(pk=int(number)).first()
            or bulletins.filter(number=int(number), iso_year=current_week().iso_year).first()
        )
    if found is None:
        raise CommandError(_("No published bulletin “%s”.") % reference)
    return found


class Command(BaseCommand):
    help = "Send a published bulletin to the central e-bulletin now (or again, with --resend)."

    def add_arguments(self, parser):
        parser.add_argument("bulletin", help="page id, N/YYYY or N")
        parser.add_argument("--resend", action="store_true", help="send again, same webhook-id")

    def handle(self, *args, bulletin, resend=False, **options):
        page = find_bulletin(bulletin)
        record = deliver_bulletin(page, resend_it=resend)
        self.stdout.write(
            _("%(bulletin)s: %(status)s after %(attempts)d attempts (webhook-id %(id)s)")
            % {
                "bulletin": page.title,
                "status": record.get_status_display(),
                "attempts": record.attempt_count,
                "id": record.webhook_id,
            }
        )
        if record.last_error:
            self.stdout.write(self.style.WARNING(record.last_error))
