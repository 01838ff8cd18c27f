"""Real document files built in memory for tests (pypdf, python-docx)."""

import io

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
