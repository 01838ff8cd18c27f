"""The first administrator, created from environment variables (`manage.py ensure_admin`).

Django's `createsuperuser --noinput` reads the same variables but fails when the user exists,
so it cannot run on every start of the stack; this creates the account once and then leaves
it alone (a password changed in the admin stays changed).
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

USERNAME = "DJANGO_SUPERUSER_USERNAME"
EMAIL = "DJANGO_SUPERUSER_EMAIL"
PASSWORD = "DJANGO_SUPERUSER_PASSWORD"  # noqa: S105 (the variable's name, not a password)


class AdminAccountError(Exception):
    """The variables do not describe an account that may be created."""


@transaction.atomic
def ensure_admin(environ=None):
    """Create the superuser that the variables describe unless that username exists.

    Returns (created, username). The password is checked by AUTH_PASSWORD_VALIDATORS and never
    appears in an error."""
    environ = os.environ if environ is None else environ
    username = environ.get(USERNAME, "").strip()
    if not username:
        raise AdminAccountError(
            _("Set %(name)s to the administrator's username.") % {"name": USERNAME}
        )
    User = get_user_model()
    if User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
        return False, username
    password = environ.get(PASSWORD, "")
    if not password:
        raise AdminAccountError(
            _("Set %(name)s to the administrator's password.") % {"name": PASSWORD}
        )
    email = environ.get(EMAIL, "").strip()
    user = User(**{User.USERNAME_FIELD: username}, email=email)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        reasons = " ".join(error.messages)
        raise AdminAccountError(
            _("%(name)s is too weak: %(reasons)s") % {"name": PASSWORD, "reasons": reasons}
        ) from None
    User._default_manager.create_superuser(
        **{User.USERNAME_FIELD: username}, email=email, password=password
    )
    return True, username
