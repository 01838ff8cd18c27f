"""What the bulletin's PDF asks of WeasyPrint beyond its defaults: the same PDF, made faster.

Imported where a PDF is made only (WeasyPrint is a heavy import). Measured on the bulletin of
1,000 entries (126 pages), about 3.5 s of WeasyPrint before (issue 17):

- Its user-agent stylesheet gives every element the styles of five pseudo-elements that only
  footnotes and notes use (`::footnote-call`, `::footnote-marker`, `::note-call`,
  `::note-marker`, `::note-callback`), and WeasyPrint computes each for each element: 25,000
  styles for 5,000 elements, about 0.4 s; `::marker` 5,000 more. The bulletin has neither
  footnotes nor notes (its stylesheet floats nothing; the intro's rich text carries no style)
  and only its list items have markers, so `BulletinHTML` uses the stylesheet without those
  five rules and with `li::marker`, parsed once per process.
- pydyf (WeasyPrint's PDF writer, 0.13) builds the tuple of every page's reference each time
  `PDF.page_references` is read, and WeasyPrint reads it once per tagged element (PDF/UA's
  structure tree) and per bookmark: quadratic in the pages, 11,000 reads and 0.3 s here. The
  tuple only changes when a page is added (pydyf appends to the page tree's `Kids`), so
  `remember_page_references` keeps it until their number changes.
- pydyf compresses every stream at zlib's slowest level, 9: 0.17 s of the 1,000 entries' 3.9 s
  on the server's CPU, where zlib's default level, 6, takes 0.04 s for a file 3.5% larger
  (314 KB instead of 304). `compress_streams_at_zlibs_default_level` hands pydyf a zlib that
  compresses at level 6 whatever level it asks for.
- WeasyPrint reads each glyph of each line from Pango one C attribute at a time, about 0.2 s
  of the 2.7 s: bulletin.pdf_glyphs draws the lines as it does, reading a run's glyphs in one
  go (WeasyPrint 70.0 only).
"""

import re
import zlib
from functools import cache

from weasyprint import CSS, HTML
from weasyprint import html as weasyprint_html
from weasyprint.css.counters import CounterStyle
from weasyprint.pdf import pydyf  # the PDF writer WeasyPrint uses

UNUSED_PSEUDO_ELEMENTS = re.compile(
    r"^::(footnote-call|footnote-marker|note-call|note-marker|note-callback) \{[^}]*\}$",
    re.MULTILINE,
)
# Only list items have markers (`li { display: list-item }`; the bulletin's stylesheet makes
# nothing else one): `::marker` for every element was one more style per element.
ANY_MARKER = re.compile(r"^::marker \{", re.MULTILINE)


def user_agent_css():
    """The text of WeasyPrint's user-agent stylesheet less the footnotes' and notes' rules,
    its markers' rule for list items only, or all of it as it is if another version of
    WeasyPrint wrote them otherwise."""
    text, removed = UNUSED_PSEUDO_ELEMENTS.subn("", weasyprint_html.UA)
    text, scoped = ANY_MARKER.subn("li::marker {", text)
    return text if (removed, scoped) == (5, 1) else weasyprint_html.UA


@cache
def user_agent_stylesheet():
    """`user_agent_css()`, parsed once per process.

    Its `@counter-style` rules go to a dictionary of their own: parsed into WeasyPrint's
    `UA_COUNTER_STYLE`, which already holds them (WeasyPrint parsed the same rules into it on
    import), `decimal` and `disc`, which may not be defined twice, were refused with a warning
    each ("Invalid counter style name ' decimal '... at 214:1") and the others replaced by
    equal copies. A document's counter styles are a copy of `UA_COUNTER_STYLE` whatever this
    sheet holds (`HTML._ua_counter_style`), so the rendering is the same."""
    return CSS(string=user_agent_css(), counter_style=CounterStyle())


class BulletinHTML(HTML):
    """HTML whose user-agent stylesheet is `user_agent_stylesheet()`."""

    def _ua_stylesheets(self, *args, **kwargs):
        sheets = super()._ua_stylesheets(*args, **kwargs)
        original = weasyprint_html.UA_STYLESHEET
        return [user_agent_stylesheet() if sheet is original else sheet for sheet in sheets]


_ORIGINAL_PAGE_REFERENCES = pydyf.PDF.page_references


def _remembered_page_references(pdf):
    kids = pdf.pages["Kids"]
    key = (id(kids), len(kids))
    remembered = pdf.__dict__.get("_remembered_page_references")
    if remembered is None or remembered[0] != key:
        remembered = (key, _ORIGINAL_PAGE_REFERENCES.fget(pdf))
        pdf.__dict__["_remembered_page_references"] = remembered
    return remembered[1]


def remember_page_references():
    """Make pydyf's `PDF.page_references` the same tuple, built once per page count."""
    if pydyf.PDF.page_references.fget is not _remembered_page_references:
        pydyf.PDF.page_references = property(_remembered_page_references)


STREAM_COMPRESSION_LEVEL = 6  # zlib's default (Z_DEFAULT_COMPRESSION)


class ZlibAtDefaultLevel:
    """The zlib module as pydyf uses it, compressing at `STREAM_COMPRESSION_LEVEL` whatever
    level pydyf asks for (9); everything else is zlib's own."""

    def compressobj(self, level=STREAM_COMPRESSION_LEVEL, *args, **kwargs):
        return zlib.compressobj(STREAM_COMPRESSION_LEVEL, *args, **kwargs)

    def compress(self, data, level=STREAM_COMPRESSION_LEVEL, **kwargs):
        return zlib.compress(data, STREAM_COMPRESSION_LEVEL, **kwargs)

    def __getattr__(self, name):
        return getattr(zlib, name)


def compress_streams_at_zlibs_default_level():
    """Give pydyf `ZlibAtDefaultLevel` for its `zlib`: only if it compresses with the zlib
    module of its own (pydyf 0.13 does, `Stream.data`); another pydyf is left as it is."""
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = ZlibAtDefaultLevel()
