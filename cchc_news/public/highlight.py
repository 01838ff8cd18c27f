"""Marking the searched words in a text, whatever diacritics either of them has.

The words are looked for in the folded text (cchc_news.public.text_folding); each match is traced
back to the original characters, which are what the visitor reads: a search for
"cai cach" marks "cải cách". A word typed with its marks ("số") also marks the same word
written without any ("so"), but not another word that folds the same ("sở", "sơ"): the
search finds those (ranking the spelling typed first), the marks show what was asked for.
A word typed without marks ("cai") marks every spelling ("cài", "cải"): nothing says which
was meant. Everything is HTML-escaped except the <mark> tags added here.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text_folding import fold, fold_in_place, fold_with_spans

SNIPPET_LENGTH = 240
# How much of the snippet comes before its first marked word.
LEAD_IN = SNIPPET_LENGTH // 4
WORD = re.compile(r"[^\W_]+")


def lower_nfc(text):
    return unicodedata.normalize("NFC", text).lower()


class Highlighter:
    def __init__(self, query):
        # {folded word: the spellings typed with marks, or None when typed without any}
        self.spellings = {}
        for word in WORD.findall(lower_nfc(query)):
            key = fold(word)
            if key == word:
                self.spellings[key] = None
            elif self.spellings.get(key, set()) is not None:
                self.spellings.setdefault(key, set()).add(word)
        # Whole words only, as the search backends match them; longer words first.
        alternatives = "|".join(map(re.escape, sorted(self.spellings, key=len, reverse=True)))
        self.pattern = alternatives and re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")

    def _wanted(self, key, original):
        spellings = self.spellings[key]
        original = lower_nfc(original)
        return spellings is None or original in spellings or fold(original) == original

    def matches(self, text):
        """The (start, end, searched word) of each place in `text` that holds one."""
        if not self.pattern or not text:
            return []
        folded, spans = fold_in_place(text), None  # spans None: each at its own position
        if folded is None:
            folded, spans = fold_with_spans(text)
        found = []
        for match in self.pattern.finditer(folded):
            start, end = match.span()
            if spans is not None:
                start, end = spans[start][0], spans[end - 1][1]
            if self._wanted(match.group(), text[start:end]):
                found.append((start, end, match.group()))
        return found

    def mark(self, text):
        """`text`, escaped, with the searched words in <mark>."""
        return mark_safe(_marked(text, self.matches(text), 0, len(text)))  # noqa: S308

    def snippet(self, texts, length=SNIPPET_LENGTH):
        """An excerpt of the one of `texts` with the most of the searched words, marked.

        Without any, the beginning of the first non-empty text; "" if all are empty.
        """
        texts = [" ".join(text.split()) for text in texts if text and text.strip()]
        if not texts:
            return ""
        found = [(text, self.matches(text)) for text in texts]
        # The most different words; the earliest text of those (max keeps the first).
        text, matches = max(found, key=lambda pair: len({word for *_, word in pair[1]}))
        start, end = _window(text, matches[0][0] if matches else 0, length)
        return _with_ellipses(text, _marked(text, matches, start, end), start, end)


def _marked(text, matches, start, end):
    parts, position = [], start
    for match_start, match_end, _word in matches:
        if match_start < position or match_end > end:
            continue
        parts.append(escape(text[position:match_start]))
        parts.append(f"<mark>{escape(text[match_start:match_end])}</mark>")
        position = match_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def _window(text, first_match, length):
    """About `length` characters around the first match, cut between words."""
    if len(text) <= length:
        return 0, len(text)
    start = max(0, first_match - LEAD_IN)
    end = min(len(text), start + length)
    start = max(0, end - length)
    if start > 0:
        space = text.find(" ", start, first_match)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def _with_ellipses(text, html, start, end):
    return mark_safe(  # noqa: S308 (every piece of text in `html` is escaped)
        ("… " if start > 0 else "") + html + (" …" if end < len(text) else "")
    )
