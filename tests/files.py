"""Real document files built in memory for tests (pypdf, python-docx)."""

import io
import struct

import docx
from pypdf import PdfWriter


def make_pdf(pages=1):
    """A PDF of `pages` blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(paragraphs, table_cells=()):
    """A .docx with one paragraph per text and, optionally, a one-row table."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_cells:
        table = document.add_table(rows=1, cols=len(table_cells))
        for cell, text in zip(table.rows[0].cells, table_cells, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_encrypted_pdf(user_password):
    """A one-page PDF encrypted with RC4 (pypdf needs no extra package for it)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password, f"{user_password}-chu-so-huu", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_raw_pdf(objects):
    """A PDF written by hand from {number: "<< ... >>"}, object 1 being the catalogue."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref, size = out.tell(), max(objects) + 1
    out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
    for number in range(1, size):
        out.write(f"{offsets.get(number, 0):010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_pdf_page_tree_bomb(levels=12, fan_out=10):
    """A PDF of 2 KB whose page tree reaches the same page fan_out**levels times."""
    objects = {1: "<< /Type /Catalog /Pages 2 0 R >>"}
    for level in range(levels):
        kids = " ".join([f"{level + 3} 0 R"] * fan_out)
        count = fan_out ** (levels - level)
        objects[level + 2] = f"<< /Type /Pages /Kids [{kids}] /Count {count} >>"
    objects[levels + 2] = "<< /Type /Page /MediaBox [0 0 595 842] >>"
    return make_raw_pdf(objects)


OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREE, END_OF_CHAIN, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _ole2_entry(name, kind, right=FREE, child=FREE):
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    entry = encoded.ljust(64, b"\0")
    entry += struct.pack("<HBB", len(encoded), kind, 1)  # name size, type, black
    entry += struct.pack("<III", FREE, right, child)  # left, right sibling, child
    entry += b"\0" * 36  # class id, state bits, times
    entry += struct.pack("<IQ", END_OF_CHAIN, 0)  # empty: no sector, size 0
    return entry


def make_ole2(stream_names, directory_loops=False):
    """A compound file (version 3) whose root holds empty streams named `stream_names`: with
    "WordDocument" it has the layout of a Word 97-2003 .doc, with "Workbook" of an .xls."""
    entries = [_ole2_entry("Root Entry", 5, child=1 if stream_names else FREE)]
    for position, name in enumerate(stream_names, start=1):
        last = position == len(stream_names)
        entries.append(_ole2_entry(name, 2, right=FREE if last else position + 1))
    directory = b"".join(entries).ljust(512, b"\0")
    fat = [FAT_SECTOR, 1 if directory_loops else END_OF_CHAIN] + [FREE] * 126
    header = OLE2_SIGNATURE + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
    header += struct.pack("<109I", 0, *[FREE] * 108)
    return header + struct.pack("<128I", *fat) + directory
