"""The demo items' files: an original .docx written from the item's text, and a cover image drawn
from a palette (no binary file in the repository)."""

import random
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.html import strip_tags
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from .data import (
    COVER_SIZE,
    PALETTES,
)

# --- Files ----------------------------------------------------------------------------


def make_original_file(spec, slug, item, agency, editor):
    data = docx_bytes(spec.title, spec.summary, item.body, item.author_line)
    document = get_document_model()(
        title=spec.title,
        file=ContentFile(data, name=f"{slug}.docx"),
        collection=agency.collection,
        uploaded_by_user=editor,
        file_size=len(data),
        file_hash=hash_filelike(BytesIO(data)),
    )
    document.save()
    return document


def docx_bytes(title, summary, body_html, author_line):
    """A Word file as agencies send them: Times New Roman 14 pt, margins of Nghị định 30/2020."""
    document = WordDocument()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(14)
    for section in document.sections:
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    document.add_heading(title, level=1)
    document.add_paragraph().add_run(summary).bold = True
    for paragraph in body_html.split("</p>"):
        text = strip_tags(paragraph).strip()
        if text:
            document.add_paragraph(text)
    signature = document.add_paragraph(author_line)
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_cover_image(spec, slug, agency, editor):
    data = cover_png(spec.title)
    image = get_image_model()(
        title=spec.cover_alt,
        file=ImageFile(BytesIO(data), name=f"{slug}.png"),
        collection=agency.collection,
        uploaded_by_user=editor,
        file_size=len(data),
        file_hash=hash_filelike(BytesIO(data)),
    )
    image.save()
    return image


def cover_png(seed):
    """A 1200x675 PNG: a plain background, a band and a circle, colours stable per seed."""
    rng = random.Random(seed)
    background, accent = rng.choice(PALETTES)
    width, height = COVER_SIZE
    picture = PillowImage.new("RGB", COVER_SIZE, background)
    draw = ImageDraw.Draw(picture)
    band_top = rng.randint(height // 2, height - 160)
    draw.rectangle((0, band_top, width, band_top + 90), fill=accent)
    radius = rng.randint(120, 220)
    centre_x, centre_y = rng.randint(radius, width - radius), rng.randint(radius, height - radius)
    draw.ellipse(
        (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
        outline=accent,
        width=24,
    )
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()
