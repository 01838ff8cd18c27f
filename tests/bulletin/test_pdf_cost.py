"""What keeps the bulletin's PDF fast (issue 17), checked by structure, never by timing."""

import re
from unittest import mock

import pytest

from bulletin import pdf
from bulletin.assembly import assemble
from bulletin.weeks import Week

from .conftest import local

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver/"


@pytest.fixture
def html(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Đồng Nai đẩy mạnh cải cách hành chính")
    publish_item(local(2026, 11, 24, 9, 0), "Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo")
    return pdf.bulletin_html(assemble(Week(2026, 48)).bulletin, BASE_URL)


def test_the_pdf_writer_builds_its_page_references_once_per_page_count(html):
    """WeasyPrint reads them once per tagged element and bookmark (11,000 times for 1,000
    entries): rebuilt each time, the tuple of every page's reference cost 0.3 s."""
    pdf.html_to_pdf(html, BASE_URL)
    from weasyprint.pdf import pydyf

    document = pydyf.PDF()
    document.add_page(pydyf.Dictionary())
    first = document.page_references
    assert document.page_references is first
    document.add_page(pydyf.Dictionary())
    added = document.pages["Kids"][-3]
    assert document.page_references == (*first, f"{added} 0 R".encode())


def test_the_entries_have_no_blanks_between_their_tags(html):
    entries = html[html.index("<h2>") : html.index("</body>")]
    assert re.search(r">\s+<", entries) is None
    assert '</h3><p class="meta">' in entries
    assert "Đồng Nai đẩy mạnh cải cách hành chính</h3>" in entries  # words kept apart


def test_the_stylesheet_asks_for_no_costly_layout(html):
    """Per 1,000 entries: hyphenation, a second layout for target-counter (a table of
    contents), tables, floats, flex and grid each cost seconds in WeasyPrint."""
    style = html[html.index("<style>") : html.index("</style>")]
    for costly in ("hyphens", "target-counter", "float:", "display:", "table"):
        assert costly not in style


def test_the_user_agent_stylesheet_has_no_footnote_rules_and_is_parsed_once(html):
    """WeasyPrint computes the styles of its footnotes' and notes' five pseudo-elements and of
    `::marker` for every element (30,000 styles for 1,000 entries); the bulletin has no
    footnotes nor notes, and only list items have markers."""
    from weasyprint import html as weasyprint_html

    from bulletin.pdf_weasyprint import BulletinHTML, user_agent_css, user_agent_stylesheet

    sheet = user_agent_stylesheet()
    assert sheet is user_agent_stylesheet() and sheet is not weasyprint_html.UA_STYLESHEET
    assert BulletinHTML(string=html)._ua_stylesheets() == [sheet]
    css = user_agent_css()
    for name in ("footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"):
        assert f"::{name} {{" in weasyprint_html.UA and f"::{name} {{" not in css
    assert "\n::marker {" in weasyprint_html.UA and "\nli::marker {" in css
    assert "\n::marker {" not in css and len(css) > 0.95 * len(weasyprint_html.UA)


def test_no_garbage_collection_runs_while_the_pdf_is_made(html):
    """WeasyPrint makes objects for every box and glyph run, enough to set off full
    collections that walk the whole process: 0.45 s of 3.9 s for 1,000 entries."""
    import gc

    from bulletin.pdf_weasyprint import BulletinHTML

    enabled_while_writing = []
    original = BulletinHTML.write_pdf

    def write_pdf(self, *args, **kwargs):
        enabled_while_writing.append(gc.isenabled())
        return original(self, *args, **kwargs)

    with mock.patch.object(BulletinHTML, "write_pdf", write_pdf):
        pdf.html_to_pdf(html, BASE_URL)
    assert enabled_while_writing == [False]
    assert gc.isenabled()


def test_the_pdf_streams_are_compressed_at_zlibs_default_level(html):
    """pydyf asks zlib for its slowest level, 9: 0.17 s of 3.9 s for 1,000 entries, where
    zlib's default level 6 takes 0.04 s and makes the file 3.5% larger."""
    import zlib

    from weasyprint.pdf import pydyf

    pdf.html_to_pdf(html, BASE_URL)
    data = b"".join(f"{i * i % 977} ".encode() for i in range(20000))
    assert zlib.compress(data, 6) != zlib.compress(data, 9)
    stream = pydyf.Stream([data], compress=True).data
    assert zlib.compress(data, 6) in stream and zlib.compress(data, 9) not in stream


def test_another_pdf_writer_keeps_its_own_compression(monkeypatch):
    """A pydyf that does not use zlib as a module of its own is left as it is."""
    from weasyprint.pdf import pydyf

    from bulletin import pdf_weasyprint

    stand_in = object()
    monkeypatch.setattr(pydyf, "zlib", stand_in)
    pdf_weasyprint.compress_streams_at_zlibs_default_level()
    assert pydyf.zlib is stand_in
    monkeypatch.delattr(pydyf, "zlib")
    pdf_weasyprint.compress_streams_at_zlibs_default_level()
    assert not hasattr(pydyf, "zlib")


def test_the_user_agent_stylesheet_is_parsed_without_warnings(caplog):
    """Its counter styles were parsed into WeasyPrint's own, which already held them: `decimal`
    and `disc` may not be defined twice ("Invalid counter style name ' decimal '...")."""
    from weasyprint import html as weasyprint_html

    from bulletin.pdf_weasyprint import user_agent_stylesheet

    counter_styles = dict(weasyprint_html.UA_COUNTER_STYLE)
    user_agent_stylesheet.cache_clear()
    with caplog.at_level("WARNING", logger="weasyprint"):
        user_agent_stylesheet()
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == []
    assert counter_styles == weasyprint_html.UA_COUNTER_STYLE
    assert all(
        weasyprint_html.UA_COUNTER_STYLE[name] is style for name, style in counter_styles.items()
    )


GLYPHS_HTML = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
body { font-family: "Noto Serif", "DejaVu Serif", serif; }
.j { text-align: justify; width: 60mm; } .s { letter-spacing: .1em; word-spacing: 2pt; }
.u { text-transform: uppercase; } .b { word-break: break-all; font-size: 9pt; }
.e { width: 40mm; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.c { width: 40mm; overflow: hidden; line-clamp: 1; }
</style></head><body>
<h1>Bản tin CCHC số 3/2026</h1>
<p class="j">Đơn vị rút ngắn thời gian giải quyết thủ tục hành chính cho người dân, tin số 10107.
Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo — ﬁ ﬂ office, AV Wa To.</p>
<p class="s u">Sở Nội vụ · Cải cách hành chính</p>
<p><strong>Ghi chú</strong> <em>nghiêng</em> x<sup>2</sup> H<sub>2</sub>O</p>
<p>Tie\u0300\u0302ng Vie\u0323\u0302t to\u0302\u0301 hợp: a\u0301 e\u0323 o\u031b\u0303</p>
<p>Biểu tượng 🎉👍🏽 và ký tự thiếu: \U00013000 \ue000</p>
<p>Ký tự thiếu: \ue000</p>
<p class="b">http://127.0.0.1/cai-cach-hanh-chinh/stp/day-manh-cai-cach-hanh-chinh-tai-don-vi/</p>
<p class="e">Đẩy mạnh cải cách hành chính tại đơn vị, tin số 10107</p>
<p class="c">Đẩy mạnh cải cách hành chính tại đơn vị, tin số 10107</p>
<p>Hebrew שָׁלוֹם עולם, zero​width⁠joiner­soft</p>
</body></html>"""


@pytest.fixture
def fonts_dated(monkeypatch):
    """The fonts' subsets dated alike: fontTools dates those it changes (a missing glyph's
    .notdef) with the current second, which two renderings may not share."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")


def test_lines_are_drawn_as_weasyprint_draws_them(caplog, fonts_dated):
    """bulletin.pdf_glyphs draws each line's glyphs as WeasyPrint 70.0 does, reading them from
    Pango in one go (0.2 s of 2.7 s for 1,000 entries): the same PDF byte for byte, for
    Vietnamese with precomposed and combining marks, justification, letter- and word-spacing,
    ligatures, kerning, super- and subscripts, bold and italic, ellipses, right-to-left text,
    zero-width characters, emoji and missing glyphs."""
    from weasyprint.draw import text

    from bulletin import pdf_glyphs

    pdf_glyphs.install()
    assert pdf_glyphs.installable()
    assert text.draw_first_line is pdf_glyphs.draw_first_line
    original = pdf_glyphs.original_draw_first_line()
    assert original is not pdf_glyphs.draw_first_line
    ours = pdf.html_to_pdf(GLYPHS_HTML, BASE_URL)
    with (
        mock.patch.object(text, "draw_first_line", original),
        mock.patch.object(pdf_glyphs, "install"),
    ):
        weasyprints = pdf.html_to_pdf(GLYPHS_HTML, BASE_URL)
    assert ours == weasyprints
    missing = [r.pathname for r in caplog.records if r.getMessage().startswith(".notdef glyph")]
    # Ours: the line with emoji left to WeasyPrint (their font is drawn as images), the
    # other drawn by bulletin.pdf_glyphs; then WeasyPrint's both.
    assert [path.rsplit("/", 1)[-1] for path in missing] == [
        "text.py",
        "pdf_glyphs.py",
        "text.py",
        "text.py",
    ]


def test_the_bulletin_is_drawn_as_weasyprint_draws_it(html, fonts_dated):
    from weasyprint.draw import text

    from bulletin import pdf_glyphs

    ours = pdf.html_to_pdf(html, BASE_URL)
    assert text.draw_first_line is pdf_glyphs.draw_first_line
    with (
        mock.patch.object(text, "draw_first_line", pdf_glyphs.original_draw_first_line()),
        mock.patch.object(pdf_glyphs, "install"),
    ):
        assert pdf.html_to_pdf(html, BASE_URL) == ours


def test_another_weasyprint_draws_its_lines_itself(monkeypatch):
    """Copied from WeasyPrint 70.0: another version keeps its own drawing."""
    import weasyprint
    from weasyprint.draw import text

    from bulletin import pdf_glyphs

    monkeypatch.setattr(text, "draw_first_line", pdf_glyphs.original_draw_first_line())
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    pdf_glyphs.install()
    assert text.draw_first_line is not pdf_glyphs.draw_first_line
    monkeypatch.setattr(weasyprint, "__version__", pdf_glyphs.COPIED_FROM)
    monkeypatch.setattr(pdf_glyphs, "GLYPH_INFO_LAYOUT", {"size": 24})
    pdf_glyphs.install()
    assert text.draw_first_line is not pdf_glyphs.draw_first_line
