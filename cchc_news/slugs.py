"""ASCII slugs for Vietnamese titles.

Django's slugify drops "đ" ("Đồng Nai" -> "ong-nai"), so transliterate with
anyascii (a Wagtail dependency) first: "Đồng Nai" -> "dong-nai". Symbols (emoji among
them) and control characters become spaces before that: anyascii spells them out in English
("🎉" -> ":tada:"), which would turn into words of the slug.
"""

import unicodedata

from anyascii import anyascii
from django.utils.text import slugify

MAX_SLUG_LENGTH = 80


def _without_symbols(text):
    return "".join(
        " " if unicodedata.category(char)[0] in "SC" else char
        for char in unicodedata.normalize("NFC", text)
    )


def vietnamese_slugify(text, max_length=MAX_SLUG_LENGTH):
    slug = slugify(anyascii(_without_symbols(text or "")))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def unique_child_slug(parent, text, exclude_pk=None):
    """A slug for a new child of `parent`, suffixed -2, -3... when taken."""
    base = vietnamese_slugify(text) or "tin"
    taken = set(parent.get_children().exclude(pk=exclude_pk).values_list("slug", flat=True))
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate
