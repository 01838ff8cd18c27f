"""Whether a file is the document its first bytes announce.

"%PDF-" opens a PDF only if a PDF reader can open it and find its pages; the compound file
signature opens a Word 97-2003 document only if the file holds a Word document (an Excel
workbook has the same signature). Each check raises UnreadableDocument with the reason the
editor reads. The work is bounded for hostile files: the upload's size is checked first (the
portal's limit, 10 MB by default), pypdf's page tree walk is capped (pypdf itself detects cycles
and caps decompression), and every failure of the reader is a refusal, never an error page.
"""

from .ole2 import CompoundFileError, root_stream_names
from .refusals import UnreadableDocument

__all__ = ["UnreadableDocument", "check_pdf", "check_word_document", "pdf_page_total"]

# A news item is at most 3 pages; a real document of a few hundred pages has a page tree of a
# few hundred entries. pypdf's default (100,000 entries) lets a small file whose page tree
# points many times at the same subtree keep the upload busy for seconds.
PDF_LIMITS = {"page_tree_maximum_entries": 10_000, "page_tree_maximum_page_entries": 100_000}
WORD_STREAM = "WordDocument"


def _open_pdf(fileobj):
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(fileobj, strict=False)
    if reader.is_encrypted:
        try:
            if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise UnreadableDocument("pdf_protected")
        except DependencyError:
            pass  # AES needs the `cryptography` package: pypdf then reads the declared count
    return reader


def pdf_page_total(fileobj):
    """The number of pages of the PDF `fileobj`; raises UnreadableDocument."""
    from pypdf import apply_configuration

    fileobj.seek(0)
    try:
        with apply_configuration(**PDF_LIMITS):
            pages = len(_open_pdf(fileobj).pages)
    except UnreadableDocument:
        raise
    except Exception as error:  # noqa: BLE001 - whatever a hostile file makes the reader raise
        raise UnreadableDocument("pdf_unreadable") from error
    finally:
        fileobj.seek(0)
    if not isinstance(pages, int) or pages < 0:
        raise UnreadableDocument("pdf_unreadable")
    return pages


def check_pdf(fileobj):
    if pdf_page_total(fileobj) == 0:
        raise UnreadableDocument("pdf_without_pages")


def check_word_document(fileobj):
    """Raises UnreadableDocument unless the compound file `fileobj` holds a Word document."""
    fileobj.seek(0)
    try:
        names = root_stream_names(fileobj.read())
    except CompoundFileError as error:
        raise UnreadableDocument("ole2_unreadable") from error
    finally:
        fileobj.seek(0)
    if WORD_STREAM not in names:
        raise UnreadableDocument("not_word")
