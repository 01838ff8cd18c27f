"""The Vietnamese of every catalogue the project ships, checked against forms a reader stumbles on.

Each rule names a family of wordings found on screen (issue 19) and says what to write instead,
so that fixing one instance does not leave its siblings behind and new strings do not bring the
family back. The catalogues are the project's apps', the site's and wagtail_vi's (Wagtail's and
Django's strings as this project translates them). Only what a reader sees is checked: the
msgstr, without the HTML tags and attribute values it may carry.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/*.po")) + sorted(
    ROOT.glob("locale/vi/LC_MESSAGES/*.po")
)
TAG = re.compile(r"<[^>]*>")
CODE = re.compile(r"<code>.*?</code>", re.DOTALL)  # names the reader types, as they are


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    instead: str


def rule(name, pattern, instead, flags=0):
    return Rule(name, re.compile(pattern, flags), instead)


ENGLISH_WORDS = (
    "the|and|of|to|is|not|none|page|pages|item|items|error|failed|draft|week|weeks|feed|"
    "configured|skipped|sent|pending|delivered|retry|yes|no"
)

RULES = [
    rule(
        "ISO notation",
        r"\bISO\b|\b\d{4}-W\d{1,2}\b",
        "a week as people write it: “tuần 49/2026 (từ 27/11 đến 04/12/2026)”",
    ),
    rule(
        "ASCII quotes around a name",
        r"(['\"])(%\(\w+\)[sd]|%s|\{\w*\})\1",
        "typographic quotes: “%(title)s”",
    ),
    rule(
        "“trang” for the thing named",
        r"\btrang\s+[“\"']",
        "the kind of thing (tin, bài “…”) or only its name in quotes",
        re.IGNORECASE,
    ),
    rule("“cha” for a parent", r"\b(trang|thư mục|mục) cha\b", "“nằm trong”, “thuộc”", re.I),
    rule("“kiểm duyệt” (censorship) for review", r"\bkiểm duyệt\b", "“duyệt”", re.IGNORECASE),
    rule("statistics jargon", r"\btrung vị\b", "words a leader uses: “thường mất … ngày”", re.I),
    rule("“kỳ đến” (reads as “the next period”)", r"\bkỳ đến\b", "“ngày cuối kỳ”", re.I),
    rule(
        "“gửi tin” read as a log of news items",
        r"^Nhật ký gửi tin$",
        "“Nhật ký gửi bản tin”",
    ),
    rule(
        "English words",
        # Outside parentheses and quotes, where a technical term may be named for who knows it.
        rf"(?<![\w(“\"'-])({ENGLISH_WORDS})(?![\w)”\"'-])",
        "Vietnamese; a technical term only in parentheses after its Vietnamese",
    ),
]


def visible_text(entry):
    texts = [entry.msgstr, *entry.msgstr_plural.values()]
    return [TAG.sub(" ", CODE.sub(" ", text)) for text in texts if text]


def breaches(path):
    found = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        for text in visible_text(entry):
            found += [
                f"{rule.name}: {entry.msgid!r} → {text!r} (write {rule.instead})"
                for rule in RULES
                if rule.pattern.search(text)
            ]
    return found


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_keeps_to_the_glossary(catalogue):
    assert breaches(catalogue) == []


@pytest.mark.parametrize(
    ("msgstr", "rule_name"),
    [
        ("năm (ISO)", "ISO notation"),
        ("Tuần 2026-W49", "ISO notation"),
        ("Đã gửi duyệt trang '%(title)s'", "ASCII quotes around a name"),
        ("Đã gửi duyệt trang “%(title)s”", "“trang” for the thing named"),
        ("Thư mục cha", "“cha” for a parent"),
        ("Kiểm duyệt tin, bài", "“kiểm duyệt” (censorship) for review"),
        ("not configured: set CENTRAL_FEED_URL", "English words"),
    ],
)
def test_each_rule_catches_its_family(msgstr, rule_name):
    caught = [rule.name for rule in RULES if rule.pattern.search(msgstr)]
    assert rule_name in caught


@pytest.mark.parametrize(
    "msgstr",
    [
        "Tuần 49/2026 (từ 27/11 đến 04/12/2026)",
        "Tin, bài “%(title)s” đã được gửi duyệt.",
        '<a href="%(url)s">Xem tin, bài</a>',
        "Trang %(number)s/%(total)s",
        "Không quá 03 trang giấy A4",
        "Kênh tin (feed) chưa được cấu hình",
        "Tệp Word (.docx)",
    ],
)
def test_good_vietnamese_passes(msgstr):
    assert [rule.name for rule in RULES if rule.pattern.search(TAG.sub(" ", msgstr))] == []
