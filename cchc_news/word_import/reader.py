"""Reading a Word (.docx) news item into the news item's title, summary and body.

Pure reading: nothing here touches the database. ``read_word_file`` returns a ``WordContent``
holding the title, the summary, the body as a sequence of blocks and the pictures found in the
file; ``WordContent.body_html`` writes the body once the pictures have been saved as Wagtail
images (``cchc_news.word_import.actions``).

How the Word document maps onto the item (mammoth does the reading, ``word_import_html`` writes
the rich text; the rules below are ours):

- The first paragraph or heading with text is the title (Word's "Title" style, a heading or a
  bold first line all qualify). If it is longer than a page title can be, there is no title line
  and the file name is used instead, with a warning.
- The first ordinary paragraph after the title is the summary (sapo), as plain text.
- Everything else is the body, written in the database format of Wagtail's rich text and limited
  to the body editor's features (``BODY_FEATURES``): paragraphs, headings h2-h4 (h1 becomes h2,
  h5/h6 become h4), bulleted and numbered lists (nested too), bold, italic, links and images.
  Underline, colours, fonts and sizes are dropped; their text is kept.
- Tables. The body is a RichTextField edited in Draftail, which has no table block. A
  ``<table>`` kept in the HTML would show on the site only until the first save in the editor,
  which silently drops it; a TableBlock would need the body to become a StreamField (a data
  migration of every item and of the bulletin's use of the body) for the few items that carry a
  table. So a table never reaches the body as a table:
    * a table of one row or one column is page layout (a framed box, a two-column header) and
      its cells become ordinary paragraphs, in reading order;
    * a data table becomes a bulleted list with one item per row and every value labelled by
      its column heading (the first row): "<b>Chỉ số:</b> Hồ sơ đúng hạn; <b>Kết quả:</b> 98%"
      (one paragraph per row instead when the table directly follows a bulleted list, which
      Draftail would otherwise merge it into). That reads well on a phone and with a screen
      reader and survives every later edit; the editor is told to check it, and the .docx
      with the real table is kept as the item's original file.
- Pictures embedded in the file become Wagtail images (validated by Wagtail's own image field:
  format, size, pixel count) and are written as ``<embed embedtype="image" .../>`` blocks after
  the paragraph that held them. Pictures that are only linked to an outside address are never
  fetched; unsupported formats (EMF, WMF...) are left out with a warning.
- Safety: a file that would unpack to more than an item can use (a "zip bomb") is refused
  before mammoth unpacks anything (``cchc_news.uploads.zip_guard``); the document's own
  embedded style map is ignored, only http(s) and mailto links are kept, nothing but the
  whitelisted tags is written, and all text is NFC-normalised (Vietnamese typed as base letter
  + combining marks becomes the composed letters).
"""

import html
import logging
import mimetypes
import os
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext, ngettext

from ..checklist.text import normalise_text
from ..text_safety import strip_bidi
from ..uploads.file_types import DOCX, file_size_error, file_type_error, sniff_file_type
from ..uploads.zip_guard import ZipRefused, check_zip_container
from .body_html import HEADING, IMAGE, IMAGE_SRC_PREFIX, PARAGRAPH, Block, write_body

logger = logging.getLogger(__name__)

# Page.title is a CharField(max_length=255).
TITLE_MAX_CHARS = 255
# An item is at most three A4 pages: more pictures than this is not a news item.
MAX_IMAGES = 30

# Added before mammoth's defaults (a custom mapping wins over them): Word's own styles that
# have a clear meaning here.
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
r[style-name='Emphasis'] => em
r[style-name='Intense Emphasis'] => em
r[style-name='Strong Emphasis'] => strong
"""
# Word's paragraph styles whose text is an ordinary paragraph, which is what mammoth makes of a
# style it does not know: not worth a warning. They are not mapped to "p" in STYLE_MAP because
# that would also win over mammoth's list rules, and Word makes its bullets as "List Paragraph"
# paragraphs with numbering.
ORDINARY_STYLES = frozenset(
    {
        *("Body Text", "Caption", "Intense Quote", "List Paragraph", "No Spacing"),
        *("Normal (Web)", "Quote", "Subtitle"),
    }
)

UNRECOGNISED_STYLE = re.compile(r"^Unrecognised \w+ style: (?P<name>.+?) \(Style ID: [^)]*\)$")


class WordImportError(Exception):
    """The file cannot be imported; the message says why, in the editor's words."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class WordImage:
    data: bytes
    name: str  # a file name whose extension is the picture's format
    alt: str
    number: int  # its place among the document's pictures, as the warnings count them


@dataclass(frozen=True)
class WordContent:
    title: str
    summary: str
    body: tuple[Block, ...]
    images: tuple[WordImage, ...]
    warnings: tuple[str, ...]
    title_from_file_name: bool = False

    def body_html(self, image_ids) -> str:
        """The body, each picture embedded as the Wagtail image `image_ids[index]`."""
        parts = []
        for block in self.body:
            if block.kind != IMAGE:
                parts.append(block.html)
            elif block.image in image_ids:
                parts.append(image_embed(image_ids[block.image], self.images[block.image].alt))
        return "".join(parts)


def image_embed(image_id, alt) -> str:
    """A full-width image in Wagtail's rich text database format."""
    return (
        f'<embed embedtype="image" id="{int(image_id)}" format="fullwidth" '
        f'alt="{html.escape(alt, quote=True)}"/>'
    )


# Checking the upload.


def not_docx_message(kind) -> str:
    if kind is None:
        return gettext(
            "This is not a Word (.docx) file, or the file is damaged. Open it in Word, save it "
            "as “Word Document (.docx)” and upload it again."
        )
    return gettext(
        "This is a .%(kind)s file; only Word (.docx) files can be imported. Open it in Word, "
        "save it as “Word Document (.docx)” and upload that file."
    ) % {"kind": kind}


def upload_error(uploaded) -> str | None:
    """Why the uploaded file cannot be imported (size, what it unpacks to, type by content,
    name), or None."""
    size_error = file_size_error(uploaded.size)
    if size_error:
        return size_error
    try:
        check_zip_container(uploaded)
    except ZipRefused as refusal:
        return refusal.reason
    kind = sniff_file_type(uploaded)
    if kind != DOCX:
        return not_docx_message(kind)
    return file_type_error(uploaded.name, kind)


def _check_container(fileobj):
    """Refuses a .docx that would unpack to more than a news item can use (a "zip bomb"),
    before mammoth unpacks anything (uploads.zip_guard)."""
    try:
        check_zip_container(fileobj)
    except ZipRefused as refusal:
        raise WordImportError(refusal.reason) from refusal


# Pictures.


def _image_error(name, data) -> str | None:
    """Why Wagtail would refuse this picture (format, size, pixels), or None."""
    from wagtail.images.fields import WagtailImageField

    try:
        WagtailImageField().clean(SimpleUploadedFile(name, data))
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def _image_extension(content_type):
    if content_type == "image/jpeg":
        return "jpg"
    extension = mimetypes.guess_extension(content_type or "") or ".bin"
    return extension.lstrip(".")


class _ImageCollector:
    """mammoth's convert_image: keeps each usable picture and leaves a placeholder for it."""

    def __init__(self):
        self.images = []
        self.warnings = []
        self.count = 0

    def __call__(self, image):
        import mammoth.html

        self.count += 1
        number = self.count
        if len(self.images) >= MAX_IMAGES:
            return self._skip(number, gettext("a news item holds at most %(max)s pictures"))
        try:
            with image.open() as stream:
                data = stream.read()
        except (OSError, ValueError, KeyError):  # linked, not embedded, or missing
            return self._skip(
                number, gettext("it is linked to a file outside the Word file; insert the picture")
            )
        name = f"{number}.{_image_extension(image.content_type)}"
        error = _image_error(name, data)
        if error:
            return self._skip(number, error)
        alt = normalise_text(strip_bidi(image.alt_text or ""))
        self.images.append(WordImage(data=data, name=name, alt=alt, number=number))
        if not alt:
            self.warnings.append(
                gettext("Picture %(number)s has no description (alt text); add one in the body.")
                % {"number": number}
            )
        return [mammoth.html.element("img", {"src": f"{IMAGE_SRC_PREFIX}{len(self.images) - 1}"})]

    def _skip(self, number, reason):
        self.warnings.append(
            gettext("Picture %(number)s was left out: %(reason)s.")
            % {"number": number, "reason": reason.rstrip(".")}
        )
        return []


# Title, summary, body.


def _title_from_file_name(file_name):
    stem = os.path.splitext(os.path.basename(file_name or ""))[0]
    title = normalise_text(strip_bidi(stem).replace("_", " "))[:TITLE_MAX_CHARS]
    return title or gettext("News item imported from Word")


def _split(blocks, file_name):
    """(title, summary, body blocks, whether the title came from the file name, warnings)."""
    warnings = []
    texts = [i for i, block in enumerate(blocks) if block.kind in (PARAGRAPH, HEADING)]
    title_at = texts[0] if texts else None
    if title_at is not None and len(blocks[title_at].text) > TITLE_MAX_CHARS:
        title_at = None
    if title_at is None:
        title, from_file = _title_from_file_name(file_name), True
        warnings.append(
            gettext(
                "The Word file does not begin with a title line, so the file name was used as "
                "the title; change it."
            )
        )
    else:
        title, from_file = blocks[title_at].text, False
    start = 0 if title_at is None else title_at + 1
    after_title = [i for i in range(start, len(blocks)) if blocks[i].kind != IMAGE]
    summary_at = None
    if after_title and blocks[after_title[0]].kind == PARAGRAPH:
        summary_at = after_title[0]
    else:
        warnings.append(
            gettext("No paragraph after the title could serve as the summary; write the summary.")
        )
    summary = blocks[summary_at].text if summary_at is not None else ""
    body = tuple(block for i, block in enumerate(blocks) if i not in (title_at, summary_at))
    if not any(block.kind != IMAGE for block in body):
        warnings.append(
            gettext("Nothing is left for the body after the title and summary; write the body.")
        )
    return title, summary, body, from_file, warnings


# Messages from mammoth.


def _conversion_warnings(messages):
    styles, others = [], []
    for message in messages:
        text = str(getattr(message, "message", message))
        match = UNRECOGNISED_STYLE.match(text)
        if match:
            if match["name"] not in styles and match["name"] not in ORDINARY_STYLES:
                styles.append(match["name"])
        elif not text.startswith("Image of type") and text not in others:
            others.append(text)  # picture problems are reported by _ImageCollector
    warnings = []
    if styles:
        warnings.append(
            gettext(
                "These Word styles have no counterpart in the body and their text was imported "
                "as ordinary text: %(styles)s."
            )
            % {"styles": ", ".join(f"“{name}”" for name in styles)}
        )
    warnings += [gettext("Note from reading the Word file: %(note)s") % {"note": n} for n in others]
    return warnings


def _table_warning(count):
    if not count:
        return []
    message = ngettext(
        "The Word file has %(count)s table. The body cannot hold tables, so each of its rows "
        "became a list item (“column: value”); check it against the original file, which "
        "keeps the table.",
        "The Word file has %(count)s tables. The body cannot hold tables, so each of their rows "
        "became a list item (“column: value”); check them against the original file, which "
        "keeps the tables.",
        count,
    )
    return [message % {"count": count}]


# Reading.


def _convert(fileobj, images, file_name):
    import mammoth

    try:
        fileobj.seek(0)
        return mammoth.convert_to_html(
            fileobj,
            style_map=STYLE_MAP,
            convert_image=images,
            include_embedded_style_map=False,  # a document must not choose our HTML
            external_file_access=False,  # never fetch what the document links to
        )
    except Exception as error:  # any failure of a hostile or damaged file is the same to us
        logger.info("Word import: cannot read %r", file_name, exc_info=True)
        raise WordImportError(not_docx_message(None)) from error


def read_word_file(fileobj, file_name="") -> WordContent:
    """Reads a .docx; raises WordImportError with the editor's message if it cannot."""
    _check_container(fileobj)
    images = _ImageCollector()
    result = _convert(fileobj, images, file_name)
    # Bidirectional controls go before the text is split into title, summary and body.
    converted = strip_bidi(unicodedata.normalize("NFC", result.value))
    writer = write_body(converted, len(images.images))
    if not writer.blocks:
        raise WordImportError(gettext("The Word file has no text or pictures to import."))
    title, summary, body, from_file, warnings = _split(writer.blocks, file_name)
    return WordContent(
        title=title,
        summary=summary,
        body=body,
        images=tuple(images.images),
        warnings=tuple(
            warnings
            + _table_warning(writer.data_tables)
            + images.warnings
            + _conversion_warnings(result.messages)
        ),
        title_from_file_name=from_file,
    )
