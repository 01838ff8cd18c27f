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
_MARKED_CLUSTER = re.compile(r".[\u0300-\u036f]+", re.DOTALL)
_COMBINING_MARK = re.compile(r"[\u0300-\u036f]")
# Words as both search backends cut them: runs of letters and digits.
_WORD = re.compile(r"[^\W_]+")


def fold(text):
    """NFC, lower case, and Vietnamese letters without their marks."""
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD_TABLE)


def _lower_letters_by_base():
    """{ASCII letter: the lower-case Vietnamese letters that fold to it}."""
    letters = {}
    for letter, base in VIETNAMESE_LETTERS.items():
        if letter.islower():
            letters[base] = letters.get(base, "") + letter
    return letters


_LOWER_LETTERS_FOLDING_TO = _lower_letters_by_base()

# The marked letters of the alphabet as NFD writes them (a base and its marks), folded.
_FOLDED_CLUSTERS = {
    unicodedata.normalize("NFD", letter): fold(letter)
    for letter in VIETNAMESE_LETTERS
    if len(unicodedata.normalize("NFD", letter)) > 1
}


def fold_with_spans(text):
    """`fold(text)` and, for each of its characters, the (start, end) it comes from in `text`.

    What folding each character with the combining marks after it gives, put together; but
    the runs of characters without marks are folded at once, and the marked characters by
    a table when they are Vietnamese letters: not a call per character (a search page folds
    thousands of them).
    """
    folded, spans, position = [], [], 0
    for cluster in _MARKED_CLUSTER.finditer(text):
        _fold_run(text, position, cluster.start(), folded, spans)
        piece = _FOLDED_CLUSTERS.get(cluster.group()) or fold(cluster.group())
        folded.append(piece)
        spans.extend([cluster.span()] * len(piece))
        position = cluster.end()
    _fold_run(text, position, len(text), folded, spans)
    return "".join(folded), spans


def fold_in_place(text):
    """`fold(text)` if each of its characters comes from the character of `text` at the same
    position (what `fold_with_spans` would then give as spans), else None.

    That is the common case (NFC text without stray combining marks), where building the
    spans, a pair per character, would cost more than folding.
    """
    if _COMBINING_MARK.search(text):
        return None
    lowered = text.lower()
    return lowered.translate(_FOLD_TABLE) if _folds_one_to_one(text, lowered) else None


def lowered_in_place(text):
    """`text.lower()` when `fold_in_place(text)` is not None (folding it then only takes
    the Vietnamese letters' marks off, character by character), else None."""
    if _COMBINING_MARK.search(text):
        return None
    lowered = text.lower()
    return lowered if _folds_one_to_one(text, lowered) else None


def unfolding_pattern(folded_word):
    """A regular expression of the lower-case words that fold to `folded_word` (itself
    folded): each of its letters or any lower-case Vietnamese letter folding to it."""
    return "".join(
        f"[{letter}{_LOWER_LETTERS_FOLDING_TO[letter]}]"
        if letter in _LOWER_LETTERS_FOLDING_TO
        else re.escape(letter)
        for letter in folded_word
    )


def _folds_one_to_one(run, lowered):
    # Folding the run at once is folding each character when it is NFC (each character then
    # is its own NFC), lower() maps each character to one and Σ is not there (lower() makes
    # it final or not by the letters around it).
    return (
        len(lowered) == len(run) and "\u03a3" not in run and unicodedata.is_normalized("NFC", run)
    )


def _fold_run(text, start, end, folded, spans):
    """Fold text[start:end], characters without combining marks, each on its own."""
    run = text[start:end]
    lowered = run.lower()
    if _folds_one_to_one(run, lowered):
        folded.append(lowered.translate(_FOLD_TABLE))
        spans.extend(zip(range(start, end), range(start + 1, end + 1), strict=True))
        return
    for index, character in enumerate(run, start):
        piece = fold(character)
        folded.append(piece)
        spans.extend([(index, index + 1)] * len(piece))


def search_words(text):
    """The folded words of `text`, each once, in order."""
    return list(dict.fromkeys(_WORD.findall(fold(text))))


def first_words(text, count):
    """(`text` up to the end of its `count`-th different folded word, True) if it has more
    different words than that, else (`text`, False). `text` in NFC, as clean_query gives it."""
    seen = set()
    for match in _WORD.finditer(text):
        word = fold(match[0])
        if word not in seen and len(seen) == count:
            return text[: match.start()].rstrip(" ,;:-/"), True
        seen.add(word)
    return text, False


# The search backends index folded text, which cannot tell "cải" from "cài". Beside it, each
# word written with marks is indexed as a token of ASCII letters that no one types ("zzv",
# the word's UTF-8 bytes in hex written with the letters a–p, "z"), so that a page with the
# very spelling typed can rank first. The closing "z" keeps one token from being the start
# of another ("cả", "cải") where tokens are compared as substrings (SQLite without FTS5).
_SPELLING_FORMAT = "zzv{}z"
_HEX_AS_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
# Longer "words" are not words (PostgreSQL ignores index tokens of 2,048 bytes or more).
_LONGEST_SPELLED_WORD = 40


def marked_words(text):
    """The words of `text` written with Vietnamese marks, lower case, in NFC, each once."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    return [
        word
        for word in dict.fromkeys(words)
        if len(word) <= _LONGEST_SPELLED_WORD and word.translate(_FOLD_TABLE) != word
    ]


def spelling_token(word):
    return _SPELLING_FORMAT.format(word.encode().hex().translate(_HEX_AS_LETTERS))


def spelling_tokens(text):
    """The index tokens of the words of `text` written with marks (see above), space-separated."""
    return " ".join(map(spelling_token, marked_words(text)))
