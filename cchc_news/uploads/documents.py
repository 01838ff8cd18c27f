"""The Wagtail document form of the portal: refuses files the checklist would refuse.

Used through the setting ``WAGTAILDOCS_DOCUMENT_FORM_BASE``, which Wagtail's
``get_document_form`` reads for every document upload (single, multiple and chooser uploads).
A zip container (.docx, .odt) is judged before anything in it is unpacked (uploads.zip_guard);
the saved file's facts are then measured once and stored (uploads.stored_facts).
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from ..safe_forms import SafeTextMixin
from .file_content import UnreadableDocument, check_pdf, check_word_document
from .file_types import DOC, PDF, file_size_error, file_type_error, sniff_file_type
from .zip_guard import check_zip_container

# What the content of a file of each sniffed type must also be (cchc_news.uploads.file_content).
CONTENT_CHECKS = {PDF: check_pdf, DOC: check_word_document}


class CCHCDocumentForm(SafeTextMixin, BaseDocumentForm):
    """Refuses a new file over CCHC_MAX_UPLOAD_BYTES, a zip container that would unpack to more
    than a news item can use, one whose content is not what its name says, or one that begins
    like a PDF or a Word 97-2003 document and is not one; removes bidirectional control
    characters from the title and tags (cchc_news.safe_forms)."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):  # not when the existing file is kept
            validate_document_file(uploaded)
        return uploaded


def content_error(fileobj, kind):
    """Why the content of a file sniffed as `kind` is not such a document, or None."""
    check = CONTENT_CHECKS.get(kind)
    try:
        check_zip_container(fileobj)  # a zip of any kind: before anything reads a part of it
        if check is not None:
            check(fileobj)
    except UnreadableDocument as refusal:
        return str(refusal.reason)
    return None


def validate_document_file(uploaded):
    """Raises ValidationError if the file is too large, unpacks to too much, is not really the
    document its first bytes announce, or not an allowed, correctly named type. The size is
    checked first: it bounds the work of reading the content."""
    size_error = file_size_error(uploaded.size)
    if size_error:
        raise ValidationError(size_error, code="file_too_large")
    kind = sniff_file_type(uploaded)
    unreadable = content_error(uploaded, kind)
    uploaded.seek(0)
    if unreadable:
        raise ValidationError(unreadable, code="unreadable_document")
    type_error = file_type_error(uploaded.name, kind)
    if type_error:
        raise ValidationError(type_error, code="invalid_file_type")
