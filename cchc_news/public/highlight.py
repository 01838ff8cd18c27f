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
from functools import lru_cache
from html import escape  # as django.utils.html.escape, without its lazy-string wrapper

from django.utils.safestring import mark_safe

from .text_folding import fold, fold_with_spans, lowered_in_place, unfolding_pattern

SNIPPET_LENGTH = 240
# Texts whose spacing and lower case are kept (per process): the recent pages' summaries and
# bodies come back in one search after another, each some KB read twice over.
TEXTS_KEPT = 256
# How much of the snippet comes before its first marked word.
LEAD_IN = SNIPPET_LENGTH // 4
WORD = re.compile(r"[^\W_]+")


def whole_words(alternatives):
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])")


def lower_nfc(text):
    return unicodedata.normalize("NFC", text).lower()


class Highlighter:
    def __init__(self, query):
        self.query = query
        # {folded word: the spellings typed with marks, or None when typed without any}
        self.spellings = {}
        for word in WORD.findall(lower_nfc(query)):
            key = fold(word)
            if key == word:
                self.spellings[key] = None
            elif self.spellings.get(key, set()) is not None:
                self.spellings.setdefault(key, set()).add(word)
        # Whole words only, as the search backends match them; longer words first.
        words = sorted(self.spellings, key=len, reverse=True)
        self.pattern = words and whole_words(map(re.escape, words))
        # The same words in lower-cased text, each folded letter standing for its spellings:
        # ordinary text is then searched without being folded (a translation per character).
        self.lowered_pattern = words and whole_words(map(unfolding_pattern, words))
        # Every spelling of every word wanted: no match to check (the common case).
        self.any_spelling = all(spellings is None for spellings in self.spellings.values())
        self._folded_words = {}  # {word as written, lower case: folded}
        self._wanted_spellings = {}  # {(folded word, original): wanted}; the same words recur
        self._last_text = self._last_lowered = None  # the last text read, lower-cased in place

    def _wanted(self, key, original):
        known = self._wanted_spellings.get((key, original))
        if known is None:
            spellings = self.spellings[key]
            lowered = lower_nfc(original)
            known = spellings is None or lowered in spellings or fold(lowered) == lowered
            self._wanted_spellings[key, original] = known
        return known

    def _lowered_in_place(self, text):
        # A snippet reads the text it shows twice: for its words, then for its marks.
        if text is not self._last_text:
            self._last_text, self._last_lowered = text, _kept_lowered_in_place(text)
        return self._last_lowered

    def _folded(self, word):
        folded = self._folded_words.get(word)
        if folded is None:
            folded = self._folded_words[word] = fold(word)
        return folded

    def matches(self, text):
        """The (start, end, searched word) of each place in `text` that holds one."""
        return list(self.iter_matches(text))

    def iter_matches(self, text, start=0):
        """matches(), one at a time, from the first that starts at `start` or after: a
        snippet shows a few of them, often of a long body that holds many."""
        if not self.pattern or not text:
            return
        lowered = self._lowered_in_place(text)
        if lowered is None:
            yield from (found for found in self._matches_through_spans(text) if found[0] >= start)
            return
        # A match is a whole run of word characters (the pattern's look-arounds, which see
        # the text before `start` too): the runs from `start` on are the same as found
        # from the text's beginning.
        for match in self.lowered_pattern.finditer(lowered, start):
            match_start, match_end = match.span()
            key = self._folded(match.group())
            if self.any_spelling or self._wanted(key, text[match_start:match_end]):
                yield match_start, match_end, key

    def _matches_through_spans(self, text):
        """matches() for text whose folding moves characters (combining marks, say)."""
        folded, spans = fold_with_spans(text)
        found = []
        for match in self.pattern.finditer(folded):
            start, end = spans[match.start()][0], spans[match.end() - 1][1]
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
        texts = [_single_spaced(text) for text in texts if text and text.strip()]
        if not texts:
            return ""
        text, first_match = self._most_words(texts)
        start, end = _window(text, first_match, length)
        shown = self._matches_within(text, start, end)
        return _with_ellipses(text, _marked(text, shown, start, end), start, end)

    def _most_words(self, texts):
        """The earliest of `texts` with the most different searched words, and where its
        first match starts (0 without any). Each text is read only until it shows every
        word: no text can have more, and the earliest is kept."""
        every_word = len(self.spellings)
        best_count, best = -1, None
        for text in texts:
            words, first_match = set(), None
            for match_start, _end, word in self.iter_matches(text):
                if first_match is None:
                    first_match = match_start
                words.add(word)
                if len(words) == every_word:
                    break
            if len(words) > best_count:
                best_count, best = len(words), (text, first_match or 0)
            if best_count == every_word:
                break
        return best

    def _matches_within(self, text, start, end):
        """The matches that lie between `start` and `end`, in order."""
        shown = []
        for found in self.iter_matches(text, start):
            if found[1] > end:
                break
            shown.append(found)
        return shown


@lru_cache(maxsize=TEXTS_KEPT)
def _single_spaced(text):
    return " ".join(text.split())


@lru_cache(maxsize=TEXTS_KEPT)
def _kept_lowered_in_place(text):
    return lowered_in_place(text)


# Stand-ins for the tags while the text is escaped at once (escaping, a replacement of single
# characters, gives the same pieces as escaping each piece): a call per piece cost more than
# the rest of a snippet.
MARK_OPEN, MARK_CLOSE = "\x00", "\x01"


def _marked(text, matches, start, end):
    parts, position = [], start
    for match_start, match_end, _word in matches:
        if match_start < position or match_end > end:
            continue
        parts += (text[position:match_start], MARK_OPEN, text[match_start:match_end], MARK_CLOSE)
        position = match_end
    if not parts:
        return escape(text[start:end])
    if MARK_OPEN in text or MARK_CLOSE in text:
        return _marked_piece_by_piece(parts + [text[position:end]])
    parts.append(text[position:end])
    marked = escape("".join(parts))
    return marked.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def _marked_piece_by_piece(parts):
    tags = {MARK_OPEN: "<mark>", MARK_CLOSE: "</mark>"}
    # Every second piece is a tag: parts are (text, open, word, close) …, text.
    return "".join(tags[part] if index % 2 else escape(part) for index, part in enumerate(parts))


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
