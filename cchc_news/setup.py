"""`setup_cchc`: the section, the agencies' spaces, the Department's identity and whatever
other apps hang on them."""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .default_site import configure_default_site
from .identity import ensure_identity
from .models import CCHCSectionPage
from .provisioning import ensure_section, provision_all
from .signals import section_ready


@translation.override(settings.LANGUAGE_CODE)
@transaction.atomic
def setup_cchc():
    """Build or complete the CCHC set-up; returns the list of changes made."""
    changes = configure_default_site()
    changes += ensure_identity()
    section, section_changes = ensure_section()
    changes += section_changes
    changes += provision_all(section)
    for _receiver, response in section_ready.send(sender=CCHCSectionPage, section=section):
        changes += response or []
    return changes
