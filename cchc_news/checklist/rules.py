"""The submission checklist of a news item: the rules an item must meet before it is submitted.

Plain functions over a ``NewsItemPage`` (or any object with the same attributes); nothing here
imports the models, so the models, forms and admin hooks can all import this module.
"""

import os
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext

from ..uploads.file_types import (
    DOCX,
    PDF,
    file_size_error,
    file_type_error,
    max_upload_bytes,
    megabytes,
)
from ..uploads.stored_facts import document_facts
from .text import (
    estimated_pages,
    grouped,
    item_char_count,
    length_fits,
    max_pages,
    normalise_text,
    summary_max_chars,
)


@dataclass(frozen=True)
class CheckResult:
    code: str
    label: str  # the rule's name as the editor sees it
    passed: bool
    detail: str


def _pages_text(char_count):
    return gettext("%(pages)s of at most %(max)s pages (%(chars)s characters)") % {
        "pages": number_format(estimated_pages(char_count), decimal_pos=1),
        "max": max_pages(),
        "chars": grouped(char_count),
    }


def _pdf_length(pages):
    if pages is None:
        return False, gettext("the PDF file could not be read to count its pages")
    detail = gettext("original PDF: %(pages)s of at most %(max)s pages")
    return pages <= max_pages(), detail % {"pages": pages, "max": max_pages()}


def _docx_length(chars):
    if chars is None:
        return False, gettext("the .docx file could not be read to measure its text")
    detail = gettext("original .docx: %(measure)s") % {"measure": _pages_text(chars)}
    return length_fits(chars), detail


def _file_length(facts):
    """(passed, detail) for the original file's length, or None when it is not measured."""
    if facts.kind == PDF:
        return _pdf_length(facts.pdf_pages)
    if facts.kind == DOCX:
        return _docx_length(facts.docx_chars)
    return None


def check_length(page, facts) -> CheckResult:
    chars = item_char_count(page)
    passed = length_fits(chars)
    details = [gettext("text: %(measure)s") % {"measure": _pages_text(chars)}]
    file_length = _file_length(facts)
    if file_length is not None:
        passed = passed and file_length[0]
        details.append(file_length[1])
    label = gettext("At most %(max)s A4 pages") % {"max": max_pages()}
    return CheckResult("length", label, passed, "; ".join(details))


def check_summary(page) -> CheckResult:
    chars, limit = len(normalise_text(page.summary)), summary_max_chars()
    if not chars:
        detail = gettext("The summary is missing.")
    else:
        detail = gettext("%(chars)s of at most %(max)s characters") % {
            "chars": grouped(chars),
            "max": grouped(limit),
        }
    label = gettext("Write a short summary")
    return CheckResult("summary", label, 0 < chars <= limit, detail)


def check_topic(page) -> CheckResult:
    passed = page.topic_id is not None
    detail = gettext("Topic chosen.") if passed else gettext("No topic is chosen.")
    return CheckResult("topic", gettext("Choose a topic"), passed, detail)


def check_original_file(page, facts) -> CheckResult:
    if facts.attached:
        detail = os.path.basename(facts.name)
    else:
        detail = gettext("No original file is attached.")
    return CheckResult("original_file", gettext("Attach the original file"), facts.attached, detail)


def _without_readable_file(code, label, facts):
    """The result when there is no file to judge: passes if none is attached, fails if lost."""
    if not facts.attached:
        return CheckResult(code, label, True, gettext("No file attached."))
    if facts.error:
        return CheckResult(code, label, False, facts.error)
    return None


def check_file_type(facts) -> CheckResult:
    label = gettext("Use a file of an allowed type")
    if result := _without_readable_file("file_type", label, facts):
        return result
    error = facts.unreadable or file_type_error(facts.name, facts.kind)
    detail = error or gettext("A .%(kind)s document.") % {"kind": facts.kind}
    return CheckResult("file_type", label, error is None, detail)


def check_file_size(facts) -> CheckResult:
    label = gettext("Keep the file within the size limit")
    if result := _without_readable_file("file_size", label, facts):
        return result
    error = file_size_error(facts.size)
    detail = error or gettext("%(size)s MB of at most %(limit)s MB") % {
        "size": megabytes(facts.size),
        "limit": megabytes(max_upload_bytes()),
    }
    return CheckResult("file_size", label, error is None, detail)


def check_cover_alt(page) -> CheckResult:
    if page.cover_image_id is None:
        passed, detail = True, gettext("No cover image.")
    elif (page.cover_alt or "").strip():
        passed, detail = True, gettext("The cover image is described.")
    else:
        passed, detail = False, gettext("The cover image has no description (alt text).")
    return CheckResult("cover_alt", gettext("Describe the cover image"), passed, detail)


def run_checklist(page) -> list[CheckResult]:
    """Every rule of the checklist, in the order the editor sees them."""
    # Stored when the file was uploaded: showing the checklist never opens the file.
    facts = document_facts(page.original_file if page.original_file_id else None)
    return [
        check_length(page, facts),
        check_summary(page),
        check_topic(page),
        check_original_file(page, facts),
        check_file_type(facts),
        check_file_size(facts),
        check_cover_alt(page),
    ]


def failed_rules(page) -> list[CheckResult]:
    return [result for result in run_checklist(page) if not result.passed]
