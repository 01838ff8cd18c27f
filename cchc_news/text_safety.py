"""Invisible characters that reorder text, removed from everything editors and files bring in.

A bidirectional control character (U+202E RIGHT-TO-LEFT OVERRIDE and friends) makes the text
after it display in another order than it is stored: a title typed as "…gnp.exe" shows as
"…exe.png", on the site, in feeds, e-mails and the bulletin's PDF. Vietnamese text never needs
one (it is written left to right, and a right-to-left quotation shows correctly without them),
so they are removed silently wherever text enters, rather than refused: they usually come with
text pasted from elsewhere, invisible to the editor who would not know what to delete.

Removed (``BIDI_CONTROLS``): the embeddings and overrides U+202A–U+202E, the isolates
U+2066–U+2069, the marks U+200E, U+200F and U+061C, and U+FEFF (a byte-order mark pasted from a
file; as a zero-width no-break space it is deprecated in favour of U+2060). Kept: U+200D ZERO
WIDTH JOINER, which joins emoji sequences (a family, a skin tone on a profession) and without
which they fall apart into several pictures; U+200C ZERO WIDTH NON-JOINER, needed by scripts
such as Persian; U+200B ZERO WIDTH SPACE, a legitimate line-break opportunity in long words and
addresses. None of the three reorders text.

Rich text is HTML: a character can also arrive there as a numeric reference (``&#x202E;``),
which is removed too.
"""

import re

BIDI_CONTROLS = frozenset(
    {
        *(chr(code) for code in range(0x202A, 0x202F)),  # LRE, RLE, PDF, LRO, RLO
        *(chr(code) for code in range(0x2066, 0x206A)),  # LRI, RLI, FSI, PDI
        "\u200e",  # LEFT-TO-RIGHT MARK
        "\u200f",  # RIGHT-TO-LEFT MARK
        "\u061c",  # ARABIC LETTER MARK
        "\ufeff",  # BYTE ORDER MARK (ZERO WIDTH NO-BREAK SPACE)
    }
)

_REMOVE = str.maketrans(dict.fromkeys(map(ord, BIDI_CONTROLS)))
# A numeric character reference to one of them, decimal or hexadecimal, with or without its
# semicolon (HTML reads both).
_REFERENCE = re.compile(
    "&#(?:[xX]0*(?:{hex})(?![0-9a-fA-F])|0*(?:{dec})(?![0-9]));?".format(
        hex="|".join(f"{ord(char):x}" for char in sorted(BIDI_CONTROLS)),
        dec="|".join(str(ord(char)) for char in sorted(BIDI_CONTROLS)),
    ),
    re.IGNORECASE,
)


def strip_bidi(text: str) -> str:
    """`text` without bidirectional control characters, nor numeric references to them."""
    if "&#" in text:
        text = _REFERENCE.sub("", text)
    return text.translate(_REMOVE)


def has_bidi(text: str) -> bool:
    return strip_bidi(text) != text


def strip_bidi_deep(value):
    """`value` with every string in it cleaned: a string, or lists, tuples and dicts of them
    (a StreamField's raw data, a JSON field). Anything else is returned as it is."""
    if isinstance(value, str):
        return strip_bidi(value)
    if type(value) in (list, tuple):
        return type(value)(strip_bidi_deep(item) for item in value)
    if type(value) is dict:
        return {key: strip_bidi_deep(item) for key, item in value.items()}
    return value
