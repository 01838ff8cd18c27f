"""Folding with spans: the same result as folding each character (with its marks) on its own,
without a call per character."""

import html
import itertools
import random
import re
import unicodedata

import pytest

from cchc_news.public import highlight, text_folding
from cchc_news.public.highlight import Highlighter
from cchc_news.public.text_folding import VIETNAMESE_LETTERS, fold, fold_with_spans

CLUSTER = re.compile(r".[\u0300-\u036f]*", re.DOTALL)


def reference_fold_with_spans(text):
    """The former implementation: one fold() per character and its combining marks."""
    folded, spans = [], []
    for cluster in CLUSTER.finditer(text):
        piece = fold(cluster.group())
        folded.append(piece)
        spans.extend([cluster.span()] * len(piece))
    return "".join(folded), spans


VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
EVERY_LETTER = "".join(
    unicodedata.normalize("NFC", vowel + tone) for vowel, tone in itertools.product(VOWELS, TONES)
)
WORDS = [
    "Đảng ủy khối các cơ quan",
    "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
    "Cải cách hành chính – một cửa, “Trợ lý số” ở đặc khu Côn Đảo!",
    "Nghị định số 61/2018/NĐ-CP về cơ chế một cửa, một cửa liên thông",
    "Thủ tướng Chính phủ; UBND phường Bến Thành (Q.1)",
]
OTHERS = [
    "",
    " ",
    "\n\t",
    "Straße İstanbul ǅemal ΣΟΦΟΣ Σ ΑΣ. ﬁ Å Ω K",  # lower() changing lengths, final sigma
    "中文 日本語 한국어 العربية עברית русский",
    "emoji 🇻🇳 👍🏽 a\u200db",
    "\u0301leading mark, doubled marks a\u0301\u0301 q\u0323 x\u0306\u0301",
    "Ǆ ǅ ǆ Ǳ ﬀ ß ẞ ŉ",
    "\u00c5ngström \u212bngström",  # a singleton decomposition
    "Hangul jamo \u1100\u1161 and \uac00",
]


def spellings(text):
    """`text` in NFC, NFD, upper and lower case, and every mix of those."""
    forms = {text, text.upper(), text.lower(), text.title(), text.swapcase()}
    return sorted(
        {unicodedata.normalize(form, each) for each in forms for form in ("NFC", "NFD", "NFKC")}
        | forms
    )


CASES = [
    spelling
    for text in [EVERY_LETTER, "đĐ", *VIETNAMESE_LETTERS, *WORDS, *OTHERS]
    for spelling in spellings(text)
]


@pytest.mark.parametrize("text", CASES)
def test_fold_with_spans_is_unchanged(text):
    assert fold_with_spans(text) == reference_fold_with_spans(text)


def test_mixed_texts_fold_as_before():
    for first, second in itertools.product(WORDS + OTHERS, repeat=2):
        nfd_first = unicodedata.normalize("NFD", first)
        for text in (first + second, first + " " + second.upper(), nfd_first + second):
            assert fold_with_spans(text) == reference_fold_with_spans(text)


def test_every_marked_letter_folds_to_its_base():
    folded, spans = fold_with_spans(EVERY_LETTER + EVERY_LETTER.upper() + "đĐ")
    assert set(folded) <= set("aeiouyd")
    assert len(spans) == len(folded)


def test_folding_a_long_text_does_not_call_fold_per_character(monkeypatch):
    calls = []
    original = text_folding.fold

    def counting(text):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(text_folding, "fold", counting)
    for text in (" ".join(WORDS) * 40, unicodedata.normalize("NFD", " ".join(WORDS)) * 40):
        calls.clear()
        fold_with_spans(text)
        assert len(calls) <= 2, len(calls)


def test_highlighting_a_nfd_text_marks_the_original_characters():
    def nfd(text):
        return unicodedata.normalize("NFD", text)

    marked = Highlighter("cai cach").mark(nfd("Cải cách hành chính"))
    assert marked == nfd("<mark>Cải</mark> <mark>cách</mark> hành chính")


def test_random_mixtures_fold_as_before():
    alphabet = (
        EVERY_LETTER
        + EVERY_LETTER.upper()
        + "đĐ aA zZ .,-\n"
        + "".join(TONES)
        + "\u0302\u0306\u031b\u0308"  # combining marks, also out of order
        + "ΣσςİßǅÅ\u212b\u1100\u1161가中🇻🇳"
    )
    generator = random.Random(17)
    for _ in range(3000):
        text = "".join(generator.choices(alphabet, k=generator.randint(0, 30)))
        assert fold_with_spans(text) == reference_fold_with_spans(text), repr(text)


# Highlighting searches lower-cased text for each folded word's spellings rather than
# folding the text: the same places as the former search of the folded text.

QUERIES = [
    "cai cach",
    "cải cách",
    "CẢI cach so",
    "Đảng ủy",
    "dang",
    "61 nđ cp",
    "σοφος",
    "中文",
    "a",
]
WORD = re.compile(r"[^\W_]+")


def reference_matches(query, text):
    """The former Highlighter.matches: the words looked for in the folded text."""

    def lower_nfc(text):
        return unicodedata.normalize("NFC", text).lower()

    spellings = {}
    for word in WORD.findall(lower_nfc(query)):
        key = fold(word)
        if key == word:
            spellings[key] = None
        elif spellings.get(key, set()) is not None:
            spellings.setdefault(key, set()).add(word)
    if not spellings or not text:
        return []
    alternatives = "|".join(map(re.escape, sorted(spellings, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
    folded, spans = fold_with_spans(text)
    found = []
    for match in pattern.finditer(folded):
        start, end = spans[match.start()][0], spans[match.end() - 1][1]
        original, wanted = lower_nfc(text[start:end]), spellings[match.group()]
        if wanted is None or original in wanted or fold(original) == original:
            found.append((start, end, match.group()))
    return found


@pytest.mark.parametrize("query", QUERIES)
def test_highlighting_finds_the_places_folding_found(query):
    highlighter = Highlighter(query)
    texts = CASES + [first + " " + second for first, second in itertools.product(WORDS, OTHERS)]
    for text in texts:
        assert highlighter.matches(text) == reference_matches(query, text), repr(text)


def test_highlighting_random_mixtures_finds_the_places_folding_found():
    alphabet = EVERY_LETTER + EVERY_LETTER.upper() + "đĐ aAcChHnN zZ .,-\n\u0301ΣσİßK中"
    generator = random.Random(17)
    highlighters = [(query, Highlighter(query)) for query in QUERIES]
    for _ in range(2000):
        text = "".join(generator.choices(alphabet, k=generator.randint(0, 30)))
        for query, highlighter in highlighters:
            assert highlighter.matches(text) == reference_matches(query, text), (query, text)


def reference_marked(text, matches, start, end):
    """The former highlight._marked: each piece escaped on its own."""
    parts, position = [], start
    for match_start, match_end, _word in matches:
        if match_start < position or match_end > end:
            continue
        parts.append(html.escape(text[position:match_start]))
        parts.append(f"<mark>{html.escape(text[match_start:match_end])}</mark>")
        position = match_end
    parts.append(html.escape(text[position:end]))
    return "".join(parts)


def test_marking_escapes_as_piece_by_piece():
    # The text is escaped at once, the tags standing as control characters meanwhile: a text
    # that holds those characters is escaped piece by piece.
    alphabet = "cải cach CÁCH so số &<>\"' \x00\x01x"
    generator = random.Random(17)
    for _ in range(3000):
        text = "".join(generator.choices(alphabet, k=generator.randint(0, 40)))
        for query in ("cai cach", "cải số", "x"):
            highlighter = Highlighter(query)
            matches = highlighter.matches(text)
            start = generator.randint(0, len(text))
            end = generator.randint(start, len(text))
            assert highlighter.mark(text) == reference_marked(text, matches, 0, len(text))
            assert highlight._marked(text, matches, start, end) == reference_marked(
                text, matches, start, end
            ), (query, text)
