"""Why an incoming e-mail is in quarantine: a code and its values, read in the reader's
language (as uploads.refusals does for refused files)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REASONS = {
    "unknown_sender": _("The sender %(sender)s is not registered by any agency."),
    "several_agencies": _("The sender %(sender)s is registered by several agencies: %(agencies)s."),
    "no_intake_editor": _("The agency %(agency)s has no intake editor to own the draft."),
    "inactive_agency": _("The agency %(agency)s is inactive."),
    "auto_reply": _("An automatic reply (%(header)s); it is not answered."),
    "bounce": _("A delivery failure notice (bounce); it is not answered."),
    "loop": _("A message sent by the portal itself (a mail loop); it is not answered."),
    "refused_attachment": _(
        "The attachment “%(name)s” (%(type)s) is not a document the portal accepts; "
        "accepted: %(types)s."
    ),
    "attachment_unreadable": _("The attachment “%(name)s” was refused: %(detail)s"),
    "too_large": _("The message is %(size)s MB, more than the %(limit)s MB accepted."),
    "authentication_failed": _(
        "The receiving server's sender check failed (%(results)s): the message may be forged."
    ),
}


def reason_text(code, params=None) -> str:
    if not code:
        return ""
    message = REASONS.get(code)
    if message is None:
        return gettext("Not placed (%(code)s).") % {"code": code}
    return str(message) % (params or {})
