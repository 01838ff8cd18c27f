"""Zip containers built in tests: real .docx files (python-docx) whose parts are swapped for
hostile ones ("zip bombs"), written with zipfile in a second or less."""

import io
import os
import struct
import zipfile
from functools import lru_cache

from tests.files import make_docx

DOCUMENT_PART = "word/document.xml"
PARAGRAPH = "<w:p><w:r><w:t>Sở Tư pháp cải cách hành chính.</w:t></w:r></w:p>".encode()
MB = 1024 * 1024


def _document_ends():
    """The real document part of a python-docx file, cut where its paragraphs go."""
    base = zipfile.ZipFile(io.BytesIO(make_docx(["Tin bài"])))
    head, tail = base.read(DOCUMENT_PART).split(b"<w:body>")
    return head + b"<w:body>", tail


def rebuilt_docx(replace=None, add=None, level=6, base=None):
    """A .docx from python-docx whose parts `replace` {name: bytes or callable(stream)} are
    swapped and `add` {name: ...} added; a callable writes the part in pieces."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(base or make_docx(["Tin bài", "Tóm tắt."])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for info in source.infolist():
            content = replace.get(info.filename, source.read(info.filename))
            _write(archive, info.filename, content)
        for name, content in add.items():
            _write(archive, name, content)
    return out.getvalue()


def _write(archive, name, content):
    if callable(content):
        with archive.open(name, "w") as stream:
            content(stream)
    else:
        archive.writestr(name, content)


def paragraphs_part(unpacked_bytes, paragraph=PARAGRAPH):
    """A writer of a document part of about `unpacked_bytes` made of `paragraph` repeated."""
    head, tail = _document_ends()
    chunk = paragraph * max(1, MB // len(paragraph))

    def write(stream):
        stream.write(head)
        written = 0
        while written + len(chunk) <= unpacked_bytes:
            stream.write(chunk)
            written += len(chunk)
        stream.write(paragraph * ((unpacked_bytes - written) // len(paragraph)))
        stream.write(tail)

    return write


@lru_cache(maxsize=4)
def docx_bomb(unpacked_mb):
    """A .docx of a few hundred KB whose document part unpacks to `unpacked_mb` MB of
    paragraphs (38: 170 KB; 250: 2 MB at the fastest compression level)."""
    level = 1 if unpacked_mb > 100 else 9
    return rebuilt_docx({DOCUMENT_PART: paragraphs_part(unpacked_mb * MB)}, level=level)


def zip_of(parts, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def odt_of(content_xml):
    """An OpenDocument text file: its mimetype, stored first, then `content_xml`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
        _write(archive, "content.xml", content_xml)
    return out.getvalue()


def with_declared_size(data, name, declared):
    """The zip `data` whose directory entry (and local header) for `name` declare `declared`
    unpacked bytes instead of the real figure: a lying central directory."""
    data = bytearray(data)
    encoded = name.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == encoded:
            struct.pack_into("<I", data, at + 24, declared)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, declared)
        at += 4
    return bytes(data)


def at_the_limits(elements, filler_bytes, fillers=1):
    """A .docx as large as the guard lets through: a document part of about `elements` XML
    elements of real paragraphs (three elements each), and `fillers` picture-like parts of
    `filler_bytes` that pack about 7 to 1 (random letters from two: one bit a byte)."""
    paragraph = "<w:p><w:r><w:t>Sở Tư pháp tiếp nhận hồ sơ trực tuyến.</w:t></w:r></w:p>".encode()
    head, tail = _document_ends()
    document = head + paragraph * (elements // 3) + tail
    filler = os.urandom(filler_bytes).translate(bytes(97 + (i & 1) for i in range(256)))
    added = {f"word/media/filler{n}.bin": filler for n in range(fillers)}
    return rebuilt_docx({DOCUMENT_PART: document}, add=added)
