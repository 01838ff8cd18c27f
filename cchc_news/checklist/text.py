"""Measuring a news item's text for the checklist's length and summary rules.

Length of "3 A4 pages" (see DESIGN.md, "Facts"): Nghị định 30/2020/NĐ-CP, Phụ lục I sets the
page of an administrative document to A4 portrait, margins top/bottom 20-25 mm, left 30-35 mm,
right 15-20 mm, Times New Roman 13-14 pt. Measured on Vietnamese administrative prose (about
4.6 characters per word with the space), a full page holds about 3,350 characters at 14 pt single
spacing, about 4,000 at 13 pt and about 2,300 at 1.5 line spacing. Characters are counted after
NFC normalisation, so a letter typed as base + combining marks counts once.
"""

import unicodedata
from html.parser import HTMLParser

from django.utils.formats import get_format

from .. import conf

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


def grouped(number: int) -> str:
    """An integer with the active language's thousands separator (10,050 / 10.050)."""
    return f"{number:,}".replace(",", get_format("THOUSAND_SEPARATOR"))
