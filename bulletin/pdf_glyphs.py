"""WeasyPrint's drawing of a line of text with its glyphs read in one go: the same PDF, faster.

WeasyPrint (70.0) draws each line in `weasyprint.draw.text.draw_first_line`, reading every
glyph's id, width and offsets from Pango through cffi, one attribute at a time (five reads of
C structures per glyph), and formatting its hex code and kerning: about 0.4 s of the 2.7 s of
the PDF of 1,000 entries (250,000 glyphs), the largest part of the drawing not spent in Pango.

`draw_first_line` below does what WeasyPrint 70.0's does, step for step, with the same
expressions, but unpacks each run's `PangoGlyphInfo` array with `struct` (one call per run),
reads its font's values once per run and keeps the glyphs' hex codes and the kernings' texts:
the same operators with the same numbers, so the same content streams, fonts, widths and
ToUnicode maps, byte for byte. Lines it has no need to be fast for are left to WeasyPrint's
own function: those with an ellipsis, those it draws nothing of, and those with a glyph from a
font drawn as images (colour emoji). `install()` puts it in WeasyPrint's place only for the
version it was copied from and the C layout it reads; another version keeps its own.
"""

import struct

import weasyprint
from weasyprint.draw import text
from weasyprint.draw.text import LOGGER
from weasyprint.text.ffi import FROM_UNITS, ffi, pango

COPIED_FROM = "70.0"  # WeasyPrint's version whose draw_first_line this follows
# PangoGlyphInfo: glyph (guint32), geometry (width, x_offset, y_offset: gint32), attr (guint).
GLYPH_INFO = struct.Struct("=Iiiii")
GLYPH_INFO_LAYOUT = {"size": 20, "geometry": 4, "attr": 16, "geometry_size": 12}

_original = None
_HEX = {}  # glyph id -> its 4-digit hex code, as WeasyPrint formats it
_HEX_BITMAP = {}  # glyph id -> 2-digit code (bitmap fonts)
_SHIFTS = {}  # int(kerning) -> '>{kerning}<', as WeasyPrint formats it
SHIFTS_KEPT = 4096  # a few hundred in practice; bounded for a long-lived worker


def _glyph_info_layout():
    return {
        "size": ffi.sizeof("PangoGlyphInfo"),
        "geometry": ffi.offsetof("PangoGlyphInfo", "geometry"),
        "attr": ffi.offsetof("PangoGlyphInfo", "attr"),
        "geometry_size": ffi.sizeof("PangoGlyphGeometry"),
    }


def installable():
    """Whether this WeasyPrint is the one `draw_first_line` follows, with Pango's glyphs laid
    out as `GLYPH_INFO` reads them."""
    return weasyprint.__version__ == COPIED_FROM and _glyph_info_layout() == GLYPH_INFO_LAYOUT


def install():
    """Make WeasyPrint draw its lines with `draw_first_line` (once; only if `installable()`)."""
    global _original
    if text.draw_first_line is draw_first_line or not installable():
        return
    _original = text.draw_first_line
    text.draw_first_line = draw_first_line


def original_draw_first_line():
    """WeasyPrint's own function (the one in place if `install()` did nothing)."""
    return _original or text.draw_first_line


def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    """Draw the given ``textbox`` line to the document ``stream`` (WeasyPrint's signature)."""
    style = textbox.style
    if (
        text_overflow == "ellipsis"
        or block_ellipsis != "none"
        or not textbox.text.strip()
        or style["font_size"] < 1e-6
    ):
        return _original(stream, textbox, text_overflow, block_ellipsis, matrix)
    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
    first_line, _ = textbox.pango_layout.get_first_line()
    runs = _runs(stream, first_line, style)
    if any(font.svg or font.png or font.colr for _item, _pango_font, font, _size in runs):
        # WeasyPrint finds the same fonts (added in the same order) and the same first line.
        return _original(stream, textbox, text_overflow, block_ellipsis, matrix)
    stream.set_text_matrix(*matrix.values)
    previous_pango_font = None
    string = ""
    for glyph_item, pango_font, font, font_size in runs:
        if pango_font != previous_pango_font:
            previous_pango_font = pango_font
            if string:
                stream.show_text(string)
            string = ""
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
        string = _add_glyphs(stream, textbox, string + "<", glyph_item, font, font_size)
        # Close the last glyphs list, remove if empty.
        string = string[:-1] if string[-1] == "<" else string + ">"
    stream.show_text(string)
    return []  # no emoji drawn as images: those lines are WeasyPrint's


def _runs(stream, first_line, style):
    """[(glyph item, Pango font, font, font size)] of the line's runs, fonts added to the
    stream as WeasyPrint adds them."""
    runs = []
    previous_pango_font = font = font_size = None
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        pango_font = glyph_item.item.analysis.font
        if pango_font != previous_pango_font:
            previous_pango_font = pango_font
            font, font_size = stream.add_font(pango_font)
            # Workaround for https://gitlab.gnome.org/GNOME/pango/-/issues/530 (WeasyPrint's).
            if pango.pango_version() < 14802 or font.png:
                font_size = style["font_size"]
        runs.append((glyph_item, pango_font, font, font_size))
    return runs


def _add_glyphs(stream, textbox, string, glyph_item, font, font_size):
    """`string` with the run's glyphs, offsets and kernings as WeasyPrint writes them."""
    widths = font.widths
    hex_codes = _HEX_BITMAP if font.bitmap else _HEX
    glyph_string = glyph_item.glyphs
    glyphs = GLYPH_INFO.iter_unpack(
        ffi.buffer(glyph_string.glyphs, glyph_string.num_glyphs * GLYPH_INFO.size)
    )
    for i, (glyph_id, width, x_offset, y_offset, _attr) in enumerate(glyphs):
        if glyph_id == pango.PANGO_GLYPH_EMPTY:  # zero-width empty glyph
            string += f">{-width / font_size}<"
            continue
        if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
            glyph_id = _missing_glyph(font, glyph_id, width, font_size)
        if glyph_id not in font.to_unicode:
            _map_to_unicode(textbox, glyph_item, i, glyph_id, font)
        offset = x_offset / font_size
        rise = y_offset / 1000
        if rise:
            string = _raised_glyph(stream, string, glyph_id, offset, rise, font.bitmap)
        else:
            if offset:
                string += f">{-offset}<"
            if (hex_code := hex_codes.get(glyph_id)) is None:
                hex_code = hex_codes[glyph_id] = (
                    f"{glyph_id:02x}" if font.bitmap else f"{glyph_id:04x}"
                )
            string += hex_code
        if (logical_width := widths.get(glyph_id)) is None:
            pango.pango_font_get_glyph_extents(
                glyph_item.item.analysis.font, glyph_id, stream.ink_rect, stream.logical_rect
            )
            logical_width = widths[glyph_id] = round(
                stream.logical_rect.width * 1000 * FROM_UNITS / font_size
            )
        # Kerning, word spacing, letter spacing.
        if kerning := logical_width + offset - width * 1000 * FROM_UNITS / font_size:
            string += _shift(int(kerning))
    return string


def _shift(kerning):
    if (code := _SHIFTS.get(kerning)) is None:
        code = f">{kerning}<"
        if len(_SHIFTS) < SHIFTS_KEPT:
            _SHIFTS[kerning] = code
    return code


def _missing_glyph(font, glyph_id, width, font_size):
    """.notdef for a glyph no font has, logged (WeasyPrint's code)."""
    codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
    LOGGER.warning(
        '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)',
        chr(codepoint),
        codepoint,
    )
    glyph_id = font.get_unused_glyph_id(codepoint)
    font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
    if 0 not in font.widths:
        # Pango's approximate char width for .notdef too, to keep Pango's layout.
        font.widths[0] = font.widths[glyph_id]
    return glyph_id


def _map_to_unicode(textbox, glyph_item, i, glyph_id, font):
    """The text the glyph shows, from its position in the UTF-8 string (WeasyPrint's code)."""
    clusters = glyph_item.glyphs.log_clusters
    num_glyphs = glyph_item.glyphs.num_glyphs
    offset = glyph_item.item.offset
    t1 = clusters[i]
    if glyph_item.item.analysis.level % 2:  # rtl
        t2 = glyph_item.item.length if i == 0 else clusters[i - 1]
    else:
        t2 = glyph_item.item.length if i == num_glyphs - 1 else clusters[i + 1]
    utf8_text = textbox.pango_layout.text.encode()
    font.to_unicode[glyph_id] = utf8_text[offset + t1 : offset + t2].decode()


def _raised_glyph(stream, string, glyph_id, offset, rise, bitmap):
    """A glyph with a vertical offset, shown on its own (WeasyPrint's code); the new string."""
    if string[-1] == "<":
        string = string[:-1]
    else:
        string += ">"
    if string:
        stream.show_text(string)
    stream.set_text_rise(-rise)
    string = ""
    if offset:
        string = f"{-offset}"
    string += f"<{glyph_id:02x}>" if bitmap else f"<{glyph_id:04x}>"
    stream.show_text(string)
    stream.set_text_rise(0)
    return "<"
