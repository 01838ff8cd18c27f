"""The submission checklist of a news item: the rules an item must meet before it is submitted.

Plain functions over a ``NewsItemPage`` (or any object with the same attributes); nothing here
imports the models, so the models, forms and admin hooks can all import this module.

Length of "3 A4 pages" (see DESIGN.md, "Facts"): Nghị định 30/2020/NĐ-CP, Phụ lục I sets the
page of an administrative document to A4 portrait, margins top/bottom 20-25 mm, left 30-35 mm,
right 15-20 mm, Times New Roman 13-14 pt. Measured on Vietnamese administrative prose (about
4.6 characters per word with the space), a full page holds about 3,350 characters at 14 pt single
spacing, about 4,000 at 13 pt and about 2,300 at 1.5 line spacing. Characters are counted after
NFC normalisation, so a letter typed as base + combining marks counts once.
"""

import os
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext

from . import conf
from .file_content import UnreadableDocument, check_word_document, pdf_page_total

PDF, DOCX, DOC, ODT = "pdf", "docx", "doc", "odt"
ALLOWED_FILE_TYPES = (PDF, DOCX, DOC, ODT)

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: Word 97-2003 .doc
ZIP_MAGIC = b"PK\x03\x04"
DOCX_MAIN_PART = "word/document.xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
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

# Tags that end a word: text on either side of them is separated by a space.
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("embed", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "img", "li", "main", "nav", "ol", "p", "pre", "section"),
        *("table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)


# Settings (their defaults and the figures behind them: cchc_news.conf), read at call time.


def chars_per_page() -> int:
    return conf.get("CCHC_CHARS_PER_PAGE")


def max_pages() -> int:
    return conf.get("CCHC_MAX_PAGES")


def summary_max_chars() -> int:
    return conf.get("CCHC_SUMMARY_MAX_CHARS")


def max_upload_bytes() -> int:
    return conf.get("CCHC_MAX_UPLOAD_BYTES")


def max_chars() -> int:
    return max_pages() * chars_per_page()


# Measuring text.


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment; block-level tags separate words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, ())

    def handle_data(self, data):
        self.parts.append(data)


def normalise_text(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def html_to_text(html: str) -> str:
    """The normalised plain text of an HTML fragment (tags removed, entities decoded)."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    return normalise_text("".join(extractor.parts))


def measure_text(html_or_text: str) -> int:
    """Number of characters of the text, as counted for the length rule."""
    return len(html_to_text(html_or_text))


def item_text(page) -> str:
    """The text the length rule measures: title, summary and body, one space between them."""
    parts = [normalise_text(page.title), normalise_text(page.summary), html_to_text(page.body)]
    return " ".join(part for part in parts if part)


def item_char_count(page) -> int:
    return len(item_text(page))


def estimated_pages(char_count: int) -> float:
    return char_count / chars_per_page()


def length_fits(char_count: int) -> bool:
    return char_count <= max_chars()


# Reading the original file.


def _read_at_start(fileobj, size):
    fileobj.seek(0)
    return fileobj.read(size) or b""


def _sniff_zip(fileobj):
    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as archive:
        names = set(archive.namelist())
        if DOCX_MAIN_PART in names:
            return DOCX
        if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
            return ODT
    return None


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
    """The text of a .docx (paragraphs, then table cells), or None if it cannot be read.

    The page count Word stores in docProps/app.xml is what the last editor's Word wrote and is
    wrong for generated files (DESIGN.md, "Facts"), so the text is measured instead.
    """
    import docx
    from docx.opc.exceptions import OpcError

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


def grouped(number: int) -> str:
    """An integer with the active language's thousands separator (10,050 / 10.050)."""
    return f"{number:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


def megabytes(size: int) -> str:
    return number_format(size / (1024 * 1024), decimal_pos=1)


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


# What the checklist needs to know about the attached file, read once.


@dataclass(frozen=True)
class FileFacts:
    attached: bool
    name: str = ""
    error: str = ""  # the file could not be opened
    size: int | None = None
    kind: str | None = None
    pdf_pages: int | None = None
    docx_chars: int | None = None
    unreadable: str = ""  # why the content is not the document its first bytes announce


def _measure_pdf(fileobj):
    try:
        pages = pdf_page_total(fileobj)
    except UnreadableDocument as refusal:
        return {"unreadable": str(refusal.reason)}
    return {"pdf_pages": pages}


def _measure_word_97_2003(fileobj):
    try:
        check_word_document(fileobj)
    except UnreadableDocument as refusal:
        return {"unreadable": str(refusal.reason)}
    return {}


def _measure_file(fileobj, kind):
    if kind == PDF:
        return _measure_pdf(fileobj)
    if kind == DOC:
        return _measure_word_97_2003(fileobj)
    if kind == DOCX:
        text = docx_text(fileobj)
        return {"docx_chars": None if text is None else len(normalise_text(text))}
    return {}


def _read_file_facts(document):
    with document.file.open("rb") as fileobj:
        kind = sniff_file_type(fileobj)
        measured = _measure_file(fileobj, kind)
        return FileFacts(True, document.file.name, size=document.file.size, kind=kind, **measured)


def inspect_file(document) -> FileFacts:
    if document is None:
        return FileFacts(attached=False)
    try:
        return _read_file_facts(document)
    except STORAGE_ERRORS:
        message = gettext("The attached file cannot be found on the server; attach it again.")
        return FileFacts(True, document.file.name, error=message)


# The rules.


@dataclass(frozen=True)
class CheckResult:
    code: str
    label: str  # the rule's name as the editor sees it
    passed: bool
    detail: str


def _pages_text(char_count):
    return gettext("%(pages)s of at most %(max)s pages (%(chars)s characters)") % {
        "pages": number_format(estimated_pages(char_count), decimal_pos=1),
        "max": max_pages(),
        "chars": grouped(char_count),
    }


def _pdf_length(pages):
    if pages is None:
        return False, gettext("the PDF file could not be read to count its pages")
    detail = gettext("original PDF: %(pages)s of at most %(max)s pages")
    return pages <= max_pages(), detail % {"pages": pages, "max": max_pages()}


def _docx_length(chars):
    if chars is None:
        return False, gettext("the .docx file could not be read to measure its text")
    detail = gettext("original .docx: %(measure)s") % {"measure": _pages_text(chars)}
    return length_fits(chars), detail


def _file_length(facts):
    """(passed, detail) for the original file's length, or None when it is not measured."""
    if facts.kind == PDF:
        return _pdf_length(facts.pdf_pages)
    if facts.kind == DOCX:
        return _docx_length(facts.docx_chars)
    return None


def check_length(page, facts) -> CheckResult:
    chars = item_char_count(page)
    passed = length_fits(chars)
    details = [gettext("text: %(measure)s") % {"measure": _pages_text(chars)}]
    file_length = _file_length(facts)
    if file_length is not None:
        passed = passed and file_length[0]
        details.append(file_length[1])
    label = gettext("Length at most %(max)s A4 pages") % {"max": max_pages()}
    return CheckResult("length", label, passed, "; ".join(details))


def check_summary(page) -> CheckResult:
    chars, limit = len(normalise_text(page.summary)), summary_max_chars()
    if not chars:
        detail = gettext("The summary is missing.")
    else:
        detail = gettext("%(chars)s of at most %(max)s characters") % {
            "chars": grouped(chars),
            "max": grouped(limit),
        }
    label = gettext("Summary present and short")
    return CheckResult("summary", label, 0 < chars <= limit, detail)


def check_topic(page) -> CheckResult:
    passed = page.topic_id is not None
    detail = gettext("Topic chosen.") if passed else gettext("No topic is chosen.")
    return CheckResult("topic", gettext("Topic chosen"), passed, detail)


def check_original_file(page, facts) -> CheckResult:
    if facts.attached:
        detail = os.path.basename(facts.name)
    else:
        detail = gettext("No original file is attached.")
    return CheckResult("original_file", gettext("Original file attached"), facts.attached, detail)


def _without_readable_file(code, label, facts):
    """The result when there is no file to judge: passes if none is attached, fails if lost."""
    if not facts.attached:
        return CheckResult(code, label, True, gettext("No file attached."))
    if facts.error:
        return CheckResult(code, label, False, facts.error)
    return None


def check_file_type(facts) -> CheckResult:
    label = gettext("File of an allowed type")
    if result := _without_readable_file("file_type", label, facts):
        return result
    error = facts.unreadable or file_type_error(facts.name, facts.kind)
    detail = error or gettext("A .%(kind)s document.") % {"kind": facts.kind}
    return CheckResult("file_type", label, error is None, detail)


def check_file_size(facts) -> CheckResult:
    label = gettext("File size within the limit")
    if result := _without_readable_file("file_size", label, facts):
        return result
    error = file_size_error(facts.size)
    detail = error or gettext("%(size)s MB of at most %(limit)s MB") % {
        "size": megabytes(facts.size),
        "limit": megabytes(max_upload_bytes()),
    }
    return CheckResult("file_size", label, error is None, detail)


def check_cover_alt(page) -> CheckResult:
    if page.cover_image_id is None:
        passed, detail = True, gettext("No cover image.")
    elif (page.cover_alt or "").strip():
        passed, detail = True, gettext("The cover image is described.")
    else:
        passed, detail = False, gettext("The cover image has no description (alt text).")
    return CheckResult("cover_alt", gettext("Cover image described"), passed, detail)


def run_checklist(page) -> list[CheckResult]:
    """Every rule of the checklist, in the order the editor sees them."""
    facts = inspect_file(page.original_file if page.original_file_id else None)
    return [
        check_length(page, facts),
        check_summary(page),
        check_topic(page),
        check_original_file(page, facts),
        check_file_type(facts),
        check_file_size(facts),
        check_cover_alt(page),
    ]


def failed_rules(page) -> list[CheckResult]:
    return [result for result in run_checklist(page) if not result.passed]
