"""An uploaded document's type, size and length, judged by its content (never by its name).

Shared by the checklist's file rules, the document upload form and the Word import; reads with
bounded work (uploads.file_content, uploads.zip_guard) so that a hostile file is refused, not
parsed at length. What is measured here is stored once per file (uploads.stored_facts).
"""

import os
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext

from .. import conf
from ..checklist.text import normalise_text
from .file_content import UnreadableDocument, check_word_document, pdf_page_total
from .refusals import megabytes, reason_text
from .zip_guard import ZIP_MAGIC, ZipRefused, check_zip_container, open_zip
from .zip_guard import container_kind as zip_container_kind

PDF, DOCX, DOC, ODT = "pdf", "docx", "doc", "odt"
ALLOWED_FILE_TYPES = (PDF, DOCX, DOC, ODT)

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: Word 97-2003 .doc
# What a damaged or hostile zip archive can raise while it is being opened or read.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    KeyError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)
# What opening a file on the storage can raise (missing file, no file name).
STORAGE_ERRORS = (OSError, ValueError)


def max_upload_bytes() -> int:
    return conf.get("CCHC_MAX_UPLOAD_BYTES")


# Reading the original file.


def _read_at_start(fileobj, size):
    fileobj.seek(0)
    return fileobj.read(size) or b""


def _sniff_zip(fileobj):
    try:
        with open_zip(fileobj) as archive:
            kind = zip_container_kind(archive)
    except ZipRefused:  # too many parts to be a document; check_zip_container says so
        return None
    return kind if kind in (DOCX, ODT) else None


def _sniff(fileobj):
    head = _read_at_start(fileobj, 8)
    if head.startswith(PDF_MAGIC):
        return PDF
    if head == OLE2_MAGIC:
        return DOC
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(fileobj)
    return None


def sniff_file_type(fileobj) -> str | None:
    """The document type of the file's content ("pdf", "docx", "doc", "odt"), or None.

    Decided by the bytes, never by the name. The file position is restored afterwards.
    """
    position = fileobj.tell()
    try:
        return _sniff(fileobj)
    except ZIP_ERRORS:
        return None
    finally:
        fileobj.seek(position)


def pdf_page_count(fileobj) -> int | None:
    """Number of pages of a PDF, or None if pypdf cannot read it (read with bounded work)."""
    try:
        return pdf_page_total(fileobj)
    except UnreadableDocument:
        return None


def _table_texts(table, seen):
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(id(cell._tc))
            yield from (paragraph.text for paragraph in cell.paragraphs)
            for inner in cell.tables:
                yield from _table_texts(inner, seen)


def _docx_texts(document):
    yield from (paragraph.text for paragraph in document.paragraphs)
    seen = set()
    for table in document.tables:
        yield from _table_texts(table, seen)


def docx_text(fileobj) -> str | None:
    """The text of a .docx (paragraphs, then table cells), or None if it cannot be read;
    raises ZipRefused (an UnreadableDocument) for a file that would unpack to too much.

    The page count Word stores in docProps/app.xml is what the last editor's Word wrote and is
    wrong for generated files (DESIGN.md, "Facts"), so the text is measured instead.
    """
    import docx
    from docx.opc.exceptions import OpcError

    check_zip_container(fileobj)  # raises ZipRefused before python-docx unpacks anything
    try:
        fileobj.seek(0)
        return "\n".join(_docx_texts(docx.Document(fileobj)))
    except (OpcError, *ZIP_ERRORS, SyntaxError):  # lxml's XMLSyntaxError is a SyntaxError
        return None


def file_extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lstrip(".").lower()


# Messages shared by the checklist and the document upload form.


def allowed_types_text() -> str:
    return ", ".join(f".{kind}" for kind in ALLOWED_FILE_TYPES)


def file_type_error(name: str, kind: str | None) -> str | None:
    """Why a file with this name and sniffed content type is refused, or None if it is fine."""
    extension = file_extension(name)
    if kind is None:
        return gettext("The file's content is not a document of an allowed type (%(types)s).") % {
            "types": allowed_types_text()
        }
    if extension != kind:
        return gettext(
            "The file is named .%(extension)s but its content is a .%(kind)s document; "
            "allowed types are %(types)s and the name must match the content."
        ) % {"extension": extension, "kind": kind, "types": allowed_types_text()}
    return None


def file_size_error(size: int) -> str | None:
    """Why a file of this size is refused, or None if it is within the limit."""
    if size <= max_upload_bytes():
        return None
    return gettext("The file is %(size)s MB; the limit is %(limit)s MB.") % {
        "size": megabytes(size),
        "limit": megabytes(max_upload_bytes()),
    }


# What the checklist needs to know about the attached file: measured once per file and stored
# (uploads.stored_facts), so that showing the checklist never opens the file.


@dataclass(frozen=True)
class FileFacts:
    attached: bool
    name: str = ""
    error: str = ""  # the file could not be opened
    size: int | None = None
    kind: str | None = None
    pdf_pages: int | None = None
    docx_chars: int | None = None
    # Why the content is not the document its first bytes announce (uploads.refusals).
    unreadable_code: str = ""
    unreadable_params: dict = field(default_factory=dict)

    @property
    def unreadable(self) -> str:
        if not self.unreadable_code:
            return ""
        return reason_text(self.unreadable_code, self.unreadable_params)


def _refused(refusal):
    return {"unreadable_code": refusal.code, "unreadable_params": refusal.params}


def _measure_content(fileobj, kind):
    if kind == PDF:
        return {"pdf_pages": pdf_page_total(fileobj)}
    if kind == DOC:
        check_word_document(fileobj)
    if kind == DOCX:
        text = docx_text(fileobj)
        return {"docx_chars": None if text is None else len(normalise_text(text))}
    return {}


def measure_file(fileobj, name, size) -> FileFacts:
    """The facts of an open file (its type, and its pages or characters), read with bounded
    work: a zip container is checked before anything in it is unpacked."""
    kind = sniff_file_type(fileobj)  # reads no more than a zip's directory and its mimetype
    try:
        check_zip_container(fileobj)
        measured = _measure_content(fileobj, kind)
    except UnreadableDocument as refusal:
        measured = _refused(refusal)
    return FileFacts(True, name, size=size, kind=kind, **measured)


def missing_file_facts(name) -> FileFacts:
    message = gettext("The attached file cannot be found on the server; attach it again.")
    return FileFacts(True, name, error=message)


def measure_document(document) -> FileFacts:
    """Opens the Wagtail document's file and measures it (uploads.stored_facts keeps this)."""
    try:
        with document.file.open("rb") as fileobj:
            return measure_file(fileobj, document.file.name, document.file.size)
    except STORAGE_ERRORS:
        return missing_file_facts(document.file.name)
