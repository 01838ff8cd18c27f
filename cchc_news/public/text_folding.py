"""Folding Vietnamese text for search, so that "dang uy", "Đảng ủy" and "ĐẢNG ỦY" compare equal.

Only the letters of the Vietnamese alphabet lose their marks (and "đ" becomes "d"), as
anyascii would write them; every other character is kept, only lower-cased, so text in
other scripts stays searchable. Folding maps one character to one character once the
text is in NFC, which is what lets a match in the folded text be traced back to the
original characters (`fold_with_spans`).
"""

import re
import unicodedata

_VOWELS = "aăâeêioôơuưy"
# Grave, acute, hook above, tilde, dot below: the five marked tones.
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"


def _vietnamese_letters():
    """{letter: ASCII base} for the 134 marked letters of the Vietnamese alphabet, both cases."""
    letters = {"đ": "d", "Đ": "D"}
    for vowel in _VOWELS:
        base = unicodedata.normalize("NFD", vowel)[0]
        for tone in ("", *_TONE_MARKS):
            letter = unicodedata.normalize("NFC", vowel + tone)
            if letter != base:
                letters[letter] = base
                letters[letter.upper()] = base.upper()
    return letters


VIETNAMESE_LETTERS = _vietnamese_letters()
_FOLD_TABLE = str.maketrans(VIETNAMESE_LETTERS)
# A character with the combining marks that follow it (text pasted in NFD form).
_CLUSTER = re.compile(r".[\u0300-\u036f]*", re.DOTALL)
# Words as both search backends cut them: runs of letters and digits.
_WORD = re.compile(r"[^\W_]+")


def fold(text):
    """NFC, lower case, and Vietnamese letters without their marks."""
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD_TABLE)


def fold_with_spans(text):
    """`fold(text)` and, for each of its characters, the (start, end) it comes from in `text`."""
    folded, spans = [], []
    for cluster in _CLUSTER.finditer(text):
        piece = fold(cluster.group())
        folded.append(piece)
        spans.extend([cluster.span()] * len(piece))
    return "".join(folded), spans


def search_words(text):
    """The folded words of `text`, each once, in order."""
    return list(dict.fromkeys(_WORD.findall(fold(text))))
