"""The Wagtail document form of the portal: refuses files the checklist would refuse.

Used through the setting ``WAGTAILDOCS_DOCUMENT_FORM_BASE``, which Wagtail's
``get_document_form`` reads for every document upload (single, multiple and chooser uploads).
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from .checklist import file_size_error, file_type_error, sniff_file_type


class CCHCDocumentForm(BaseDocumentForm):
    """Refuses a new file over CCHC_MAX_UPLOAD_BYTES or whose content is not what its name says."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):  # not when the existing file is kept
            validate_document_file(uploaded)
        return uploaded


def validate_document_file(uploaded):
    """Raises ValidationError if the file is too large or not an allowed, correctly named type."""
    size_error = file_size_error(uploaded.size)
    if size_error:
        raise ValidationError(size_error, code="file_too_large")
    kind = sniff_file_type(uploaded)
    uploaded.seek(0)
    type_error = file_type_error(uploaded.name, kind)
    if type_error:
        raise ValidationError(type_error, code="invalid_file_type")
