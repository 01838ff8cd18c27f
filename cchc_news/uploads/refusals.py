"""Why an uploaded document is refused: a code and its values, and the sentence the editor reads.

A refusal is kept as its code and values (cchc_news.models.DocumentFacts stores them with the
file's other measured facts), never as a translated sentence, so that each editor reads it in
their own language whenever the checklist shows it. Values named ``*_bytes`` are shown in MB,
``kind`` names the file ("The Word file").
"""

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REASONS = {
    # A file that begins like a PDF or an Office 97-2003 document (uploads.file_content).
    "pdf_unreadable": _(
        "The file begins like a PDF but a PDF reader cannot open it: it is damaged or not a PDF."
    ),
    "pdf_without_pages": _("The PDF file has no pages."),
    "pdf_protected": _("The PDF file is protected by a password; attach it without the password."),
    "not_word": _(
        "The file is an Office 97-2003 file but not a Word document (an Excel workbook renamed "
        ".doc, for example); attach the Word document."
    ),
    "ole2_unreadable": _(
        "The file begins like an Office 97-2003 document but its content cannot be read: it is "
        "damaged."
    ),
    # A zip container: .docx, .odt (uploads.zip_guard).
    "zip_unpacked_too_large": _(
        "%(file)s unpacks to %(size)s MB, more than the %(limit)s MB a news item can use. "
        "Compress its pictures and upload it again."
    ),
    "zip_part_too_large": _(
        "%(file)s holds a part (“%(part)s”) that unpacks to %(size)s MB, more than the "
        "%(limit)s MB one part of a news item can use."
    ),
    "zip_ratio": _(
        "%(file)s holds a part (“%(part)s”) packed %(ratio)s to 1, more than the %(limit)s to 1 "
        "of any real document: a file built this way (a “zip bomb”) would exhaust the server. "
        "Save it again in Word or LibreOffice and upload that file."
    ),
    "zip_overall_ratio": _(
        "%(file)s unpacks to %(ratio)s times its size, more than the %(limit)s times of any real "
        "document: a file built this way (a “zip bomb”) would exhaust the server. Save it again "
        "in Word or LibreOffice and upload that file."
    ),
    "zip_too_many_parts": _(
        "%(file)s holds %(count)s parts, more than the %(limit)s a news item can have."
    ),
    "zip_too_many_elements": _(
        "%(file)s holds more than %(limit)s XML elements in its part “%(part)s”, far more than a "
        "news item of a few pages has. Save it again in Word or LibreOffice and upload that file."
    ),
    "zip_too_many_elements_in_all": _(
        "%(file)s holds more than %(limit)s XML elements in all its parts, far more than a news "
        "item of a few pages has. Save it again in Word or LibreOffice and upload that file."
    ),
    "zip_unusual_part": _(
        "%(file)s holds a part that word processors do not write (“%(part)s”). Save it again "
        "in Word or LibreOffice and upload that file."
    ),
    "zip_damaged": _(
        "%(file)s is damaged: its part “%(part)s” cannot be read. Save it again in Word or "
        "LibreOffice and upload that file."
    ),
}

# The file a zip refusal speaks of, by the container's kind.
FILE_LABELS = {
    "docx": _("The Word file"),
    "odt": _("The OpenDocument (.odt) file"),
    "zip": _("The file"),
}


def megabytes(size: int) -> str:
    return number_format(size / (1024 * 1024), decimal_pos=1)


def reason_text(code: str, params: dict | None = None) -> str:
    """The sentence for the refusal `code` with its stored `params`, in the active language."""
    values = {}
    for key, value in (params or {}).items():
        if key == "kind":
            values["file"] = str(FILE_LABELS.get(value, FILE_LABELS["zip"]))
        elif key.endswith("_bytes"):
            values[key.removesuffix("_bytes")] = megabytes(value)
        elif isinstance(value, int):
            values[key] = number_format(value, force_grouping=True)
        else:
            values[key] = value
    message = REASONS.get(code)
    if message is None:  # a code from a later or earlier version: say what is known
        return gettext("The file cannot be read (%(code)s).") % {"code": code}
    return str(message) % values if values else str(message)


class UnreadableDocument(Exception):
    """The content is not a document the portal can read; `reason` says why, for the editor."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def reason(self) -> str:
        return reason_text(self.code, self.params)
