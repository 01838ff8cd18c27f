"""Opening a zip container (.docx, .odt) without letting it exhaust the server (a "zip bomb").

A .docx of 191 KB can unpack to 38 MB of XML that the Word import then parses for minutes with
a gigabyte of memory; a 1 MB one can unpack to 254 MB. So before any reader opens a part of an
uploaded zip, check_zip_container judges the archive by its central directory (the list of parts
with their packed and unpacked sizes, read without unpacking anything): the number of parts,
the total and per-part unpacked size, and the packing ratio of each part and of the whole. Then
it reads every XML part with a bounded read and counts its elements with expat: the readers'
time grows with the number of elements, not bytes (python-docx and mammoth build a Python
object per element; mammoth takes about 0.2 ms an element), and 2 MB of XML can hold 500,000 of
them. A part that declares a DTD is refused (OOXML and ODF have none; entities are an
expansion bomb of their own).

The central directory can lie about a part's size. CPython's zipfile never returns more bytes
for a part than its directory entry declares (it stops there and raises "Bad CRC-32"), so the
readers after this check are bounded by the sizes checked here; read_member also stops at its
limit by itself. Every refusal is an UnreadableDocument with a named reason (uploads.refusals).
"""

import struct
import zipfile
import zlib
from xml.parsers import expat

from .. import conf
from .refusals import UnreadableDocument

ZIP_MAGIC = b"PK\x03\x04"
DOCX_MAIN_PART = "word/document.xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# A .docx with 30 pictures has about 50 parts; reading a directory of 100,000 parts (8 MB)
# alone takes zipfile 2.4 s, so the count is read from the end record before that.
MAX_PARTS = 1000
# The whole: pictures hardly pack, text packs about tenfold, so a real item unpacks to a few
# times the upload limit (CCHC_MAX_UPLOAD_BYTES, 10 MB by default: 50 MB).
MAX_UNPACKED_FACTOR = 5
# One part: a picture or an embedded object.
MAX_PART_BYTES = 20 * 1024 * 1024
# One XML part: a three-page item's word/document.xml is 50-300 KB.
MAX_XML_PART_BYTES = 4 * 1024 * 1024
# XML elements: a heavily formatted three-page item with a table has about 10,000 in its
# document part; at the limit the Word import takes about 6 s and measuring about 1 s.
MAX_XML_ELEMENTS = 30_000  # in one part
MAX_TOTAL_XML_ELEMENTS = 100_000  # in all parts together (styles, numbering, notes...)
# Packing ratio: real parts pack at most about 20 to 1 (repetitive XML); a bomb at 1,000 to 1.
# Parts smaller than RATIO_FLOOR_BYTES are too small to hurt, whatever their ratio.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024
XML_SUFFIXES = (".xml", ".rels")
ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Word and LibreOffice write
READ_CHUNK = 64 * 1024
END_RECORD = struct.Struct("<4s4H2LH")  # the end of central directory record
END_SIGNATURE = b"PK\x05\x06"
ZIP_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError)
ZIP_READ_ERRORS += (KeyError, RuntimeError, NotImplementedError, expat.ExpatError)


class ZipRefused(UnreadableDocument):
    """The zip container is refused before (or while) any of it is unpacked."""


def max_unpacked_bytes() -> int:
    return MAX_UNPACKED_FACTOR * conf.get("CCHC_MAX_UPLOAD_BYTES")


def is_zip(fileobj) -> bool:
    fileobj.seek(0)
    return fileobj.read(len(ZIP_MAGIC)) == ZIP_MAGIC


def _declared_part_count(fileobj):
    """The part count of the end of central directory record, or None if it is not found."""
    fileobj.seek(0, 2)
    size = fileobj.tell()
    tail_size = min(size, END_RECORD.size + 0xFFFF)  # the record, then a comment of < 64 KB
    fileobj.seek(size - tail_size)
    tail = fileobj.read(tail_size)
    at = tail.rfind(END_SIGNATURE)
    if at < 0 or len(tail) - at < END_RECORD.size:
        return None
    return END_RECORD.unpack_from(tail, at)[4]  # entries in the whole directory


def open_zip(fileobj) -> zipfile.ZipFile:
    """The zip archive `fileobj`, refused before its directory is read if it has too many
    parts; raises ZipRefused, or zipfile's errors for what is not a zip."""
    count = _declared_part_count(fileobj)
    if count is not None and count > MAX_PARTS:
        raise ZipRefused("zip_too_many_parts", kind="zip", count=count, limit=MAX_PARTS)
    fileobj.seek(0)
    return zipfile.ZipFile(fileobj)


def read_member(archive, info, limit) -> bytes:
    """The unpacked bytes of the part `info`, read without ever unpacking more than `limit`."""
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ZipRefused(
            "zip_part_too_large", part=info.filename, size_bytes=len(data), limit_bytes=limit
        )
    return data


def container_kind(archive) -> str:
    """Which document the archive's parts announce: "docx", "odt" or "zip" (neither)."""
    names = set(archive.namelist())
    if DOCX_MAIN_PART in names:
        return "docx"
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size <= 200 and read_member(archive, info, 200).strip() == ODT_MIMETYPE:
            return "odt"
    return "zip"


# The central directory.


def _is_unusual(info, seen):
    name = info.filename
    return (
        name in seen  # two parts of one name: readers disagree on which one counts
        or name.startswith(("/", "\\"))
        or ".." in name.replace("\\", "/").split("/")
        or "\0" in name
        or info.flag_bits & 0x1  # encrypted
        or info.compress_type not in ALLOWED_METHODS
    )


def _ratio(unpacked, packed):
    return unpacked // max(packed, 1)


def _check_part(info, refuse):
    limit = MAX_XML_PART_BYTES if info.filename.lower().endswith(XML_SUFFIXES) else MAX_PART_BYTES
    if info.file_size > limit:
        refuse(
            "zip_part_too_large", part=info.filename, size_bytes=info.file_size, limit_bytes=limit
        )
    ratio = _ratio(info.file_size, info.compress_size)
    if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
        refuse("zip_ratio", part=info.filename, ratio=ratio, limit=MAX_RATIO)


def _check_directory(infos, archive_bytes, refuse):
    if len(infos) > MAX_PARTS:
        refuse("zip_too_many_parts", count=len(infos), limit=MAX_PARTS)
    seen = set()
    for info in infos:
        if _is_unusual(info, seen):
            refuse("zip_unusual_part", part=info.filename[:100])
        seen.add(info.filename)
        _check_part(info, refuse)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_unpacked_bytes():
        refuse("zip_unpacked_too_large", size_bytes=unpacked, limit_bytes=max_unpacked_bytes())
    ratio = _ratio(unpacked, archive_bytes)
    if unpacked > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
        refuse("zip_overall_ratio", ratio=ratio, limit=MAX_RATIO)


# The XML parts.


class _ElementCounter:
    """Counts an XML part's elements with expat, refusing past `limit` or at a DTD."""

    def __init__(self, part, limit, refuse):
        self.count, self.part, self.limit, self.refuse = 0, part, limit, refuse
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._element
        self.parser.StartDoctypeDeclHandler = self._doctype

    def _element(self, name, attributes):
        self.count += 1
        if self.count <= self.limit:
            return
        if self.limit < MAX_XML_ELEMENTS:  # what the earlier parts left of the whole file's
            self.refuse("zip_too_many_elements_in_all", limit=MAX_TOTAL_XML_ELEMENTS)
        self.refuse("zip_too_many_elements", part=self.part, limit=MAX_XML_ELEMENTS)

    def _doctype(self, *args):
        self.refuse("zip_unusual_part", part=self.part)

    def feed(self, stream):
        while chunk := stream.read(READ_CHUNK):
            self.parser.Parse(chunk, False)
        self.parser.Parse(b"", True)


def _count_elements(archive, info, budget, refuse):
    """The elements of one XML part (at most `budget`). Malformed XML stops the count: the
    reader refuses that file itself, as it always has."""
    counter = _ElementCounter(info.filename, min(budget, MAX_XML_ELEMENTS), refuse)
    try:
        with archive.open(info) as stream:
            counter.feed(stream)
    except expat.ExpatError:
        pass
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        refuse("zip_damaged", part=info.filename)  # e.g. more bytes than its entry declares
    return counter.count


def _check_xml_parts(archive, infos, refuse):
    budget = MAX_TOTAL_XML_ELEMENTS
    for info in infos:
        if info.filename.lower().endswith(XML_SUFFIXES):
            budget -= _count_elements(archive, info, budget, refuse)


# The whole check.


def _refuser(kind):
    def refuse(code, **params):
        raise ZipRefused(code, kind=kind, **params)

    return refuse


def _check_archive(archive, archive_bytes):
    kind = container_kind(archive)
    refuse = _refuser(kind)
    infos = archive.infolist()
    _check_directory(infos, archive_bytes, refuse)
    _check_xml_parts(archive, infos, refuse)


def check_zip_container(fileobj) -> None:
    """Raises ZipRefused if the zip `fileobj` would unpack to more than a news item can use or
    is built oddly; does nothing for a file that is not a zip. The position is restored.

    A zip that zipfile cannot read at all is left to the caller's own refusal (sniffing finds
    no document in it)."""
    position = fileobj.tell()
    try:
        if not is_zip(fileobj):
            return
        fileobj.seek(0, 2)
        archive_bytes = fileobj.tell()
        with open_zip(fileobj) as archive:
            _check_archive(archive, archive_bytes)
    except ZipRefused:
        raise
    except ZIP_READ_ERRORS:
        pass  # not a readable zip: the sniffing that follows says so
    finally:
        fileobj.seek(position)
