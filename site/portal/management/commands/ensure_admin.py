from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from portal.admin_account import AdminAccountError, ensure_admin


class Command(BaseCommand):
    help = (
        "Create the superuser named by DJANGO_SUPERUSER_USERNAME (with DJANGO_SUPERUSER_EMAIL "
        "and DJANGO_SUPERUSER_PASSWORD) unless that user exists; safe to run on every start."
    )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                created, username = ensure_admin()
            except AdminAccountError as error:
                raise CommandError(str(error)) from None
            if created:
                message = _("Created the administrator “%(username)s”.")
            else:
                message = _("The administrator “%(username)s” already exists; nothing changed.")
            self.stdout.write(self.style.SUCCESS(message % {"username": username}))
