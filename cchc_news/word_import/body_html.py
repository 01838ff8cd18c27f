"""Writing mammoth's HTML of a Word file as blocks of Wagtail rich text (database format).

Only what the news item's body editor holds is written (``BODY_FEATURES``): paragraphs,
headings h2-h4, nested bulleted and numbered lists, bold, italic, http(s)/mailto links and
full-width images; every other tag gives up its formatting and keeps its text. The rules for
tables and pictures are explained in ``cchc_news.word_import.reader``.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment

from ..checklist.text import html_to_text

# mammoth's <img src> for a picture kept by the importer: the index of the picture.
IMAGE_SRC_PREFIX = "cchc-word-image:"
LINK_SCHEMES = ("http", "https", "mailto")
# mammoth's links from a footnote back to its reference: meaningless on the web page.
NOTE_BACKLINK = re.compile(r"^#(foot|end)note-ref-")
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
BOLD, ITALIC, LISTS = ("b", "strong"), ("i", "em"), ("ul", "ol")
# Elements that separate words when flattened into one line (a table cell, a footnote).
SEPARATING = frozenset(
    {"p", "li", "td", "th", "tr", "table", "ul", "ol", *HEADINGS, "thead", "tbody", "tfoot"}
)
PARAGRAPH, HEADING, LIST, IMAGE = "paragraph", "heading", "list", "image"


@dataclass(frozen=True)
class Block:
    kind: str  # PARAGRAPH, HEADING, LIST or IMAGE
    html: str = ""  # database-format rich text; empty for an image
    text: str = ""  # normalised plain text
    image: int | None = None  # index into WordContent.images


def safe_href(href) -> str | None:
    """The link if it is an absolute http(s) or mailto address, else None."""
    href = (href or "").strip()
    if not href or any(ord(char) < 32 for char in href):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return href


def _collapse(text):
    # Word's tabs and line ends are layout; a no-break space is meant and is kept.
    return re.sub(r"[ \t\r\n]+", " ", text)


def _wrap(tag, inner):
    return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner


def _strip_block(inner):
    return re.sub(r"^(\s|<br/>)+|(\s|<br/>)+$", "", inner)


def _text_of(fragment):
    return html_to_text(fragment)


class BodyWriter:
    """Turns mammoth's HTML into blocks of database-format rich text."""

    def __init__(self, image_count):
        self.image_count = image_count  # pictures kept by the importer: placeholders index them
        self.blocks = []
        self.pending_images = []  # pictures met inside the block being written
        self.data_tables = 0

    # Inline content.

    def inline(self, node) -> str:
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return html.escape(_collapse(str(node)), quote=False)
        name = node.name
        if name == "img":
            self._picture(node.get("src", ""))
            return ""
        if name == "br":
            return "<br/>"
        if name == "a" and NOTE_BACKLINK.match(node.get("href", "")):
            return ""
        inner = "".join(self.inline(child) for child in node.children)
        if name in BOLD:
            return _wrap("b", inner)
        if name in ITALIC:
            return _wrap("i", inner)
        if name == "a":
            href = safe_href(node.get("href"))
            if href and inner.strip():
                return f'<a href="{html.escape(href, quote=True)}">{inner}</a>'
            return inner
        if name in SEPARATING:
            return f" {inner} "
        return inner

    def _picture(self, src):
        if src.startswith(IMAGE_SRC_PREFIX):
            index = src[len(IMAGE_SRC_PREFIX) :]
            if index.isdigit() and int(index) < self.image_count:
                self.pending_images.append(int(index))

    def inline_block(self, node) -> str:
        return _strip_block(re.sub(" {2,}", " ", self.inline(node)))

    # Blocks.

    def add(self, kind, fragment):
        text = _text_of(fragment)
        if text:
            self.blocks.append(Block(kind, fragment, text))
        for index in self.pending_images:
            self.blocks.append(Block(IMAGE, image=index))
        self.pending_images = []

    def write(self, nodes):
        for node in nodes:
            if isinstance(node, NavigableString):
                if str(node).strip():
                    self.add(PARAGRAPH, f"<p>{self.inline_block(node)}</p>")
            elif node.name in HEADINGS:
                tag = HEADINGS[node.name]
                self.add(HEADING, f"<{tag}>{self.inline_block(node)}</{tag}>")
            elif node.name in LISTS:
                self.add(LIST, self.list_html(node))
            elif node.name == "table":
                self.table(node)
            else:
                self.add(PARAGRAPH, f"<p>{self.inline_block(node)}</p>")

    def list_html(self, node) -> str:
        items = []
        for item in node.find_all("li", recursive=False):
            nested = [child for child in item.children if getattr(child, "name", None) in LISTS]
            inline = "".join(self.inline(child) for child in item.children if child not in nested)
            inline = _strip_block(re.sub(" {2,}", " ", inline))
            sublists = "".join(self.list_html(child) for child in nested)
            if inline or sublists:
                items.append(f"<li>{inline}{sublists}</li>")
        return f"<{node.name}>{''.join(items)}</{node.name}>" if items else ""

    # Tables.

    def table(self, node):
        rows = _table_grid(node)
        columns = max((len(row) for row in rows), default=0)
        if len(rows) <= 1 or columns <= 1:
            for row in rows:  # page layout: the cells' content, in reading order
                for cell in _distinct(row):
                    self.write(cell.children)
            return
        labels = [self.inline_block(cell) if cell is not None else "" for cell in rows[0]]
        items = [item for item in (self._row_text(row, labels) for row in rows[1:]) if item]
        self.data_tables += 1
        previous = self.blocks[-1] if self.blocks else None
        if previous is not None and previous.html.startswith("<ul>"):
            # Draftail joins adjacent bulleted lists: keep the rows apart from that list.
            for item in items:
                self.add(PARAGRAPH, f"<p>{item}</p>")
        elif items:
            self.add(LIST, f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul>")
        else:
            self.add(LIST, "")  # only pictures, if any

    def _row_text(self, row, labels):
        values = []
        for column, cell in enumerate(row):
            if cell is None or (column and row[column - 1] is cell):  # merged across columns
                continue
            value = self.inline_block(cell)
            if not _text_of(value):
                continue
            label = labels[column] if column < len(labels) else ""
            values.append(f"<b>{label}:</b> {value}" if _text_of(label) else value)
        return "; ".join(values)


def _distinct(row):
    seen = []
    for cell in row:
        if cell is not None and all(cell is not other for other in seen):
            seen.append(cell)
    return seen


def _table_rows(table):
    sections = [table, *table.find_all(["thead", "tbody", "tfoot"], recursive=False)]
    return [row for section in sections for row in section.find_all("tr", recursive=False)]


def _span(cell, attribute):
    value = cell.get(attribute, "1")
    return max(1, min(int(value), 100)) if str(value).isdigit() else 1


def _table_grid(table):
    """The table as rows of cells by column; a merged cell fills every slot it covers."""
    grid, carried = [], {}  # carried: column -> (cell, rows still to fill)
    for row in _table_rows(table):
        slots, column = [], 0
        cells = list(row.find_all(["td", "th"], recursive=False))
        while cells or column in carried:
            if column in carried:
                cell, remaining = carried.pop(column)
                if remaining > 1:
                    carried[column] = (cell, remaining - 1)
                slots.append(cell)
                column += 1
                continue
            cell = cells.pop(0)
            rowspan = _span(cell, "rowspan")
            for _ in range(_span(cell, "colspan")):
                if rowspan > 1:
                    carried[column] = (cell, rowspan - 1)
                slots.append(cell)
                column += 1
        grid.append(slots)
    return grid


def write_body(html_text, image_count) -> BodyWriter:
    """mammoth's HTML written as blocks (``.blocks``; ``.data_tables`` turned into lists)."""
    writer = BodyWriter(image_count)
    writer.write(BeautifulSoup(html_text, "html.parser").contents)
    return writer
