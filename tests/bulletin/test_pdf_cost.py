"""What keeps the bulletin's PDF fast (issue 17), checked by structure, never by timing."""

import re

import pytest

from bulletin import pdf
from bulletin.assembly import assemble
from bulletin.weeks import Week

from .conftest import local

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver/"


@pytest.fixture
def html(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Đồng Nai đẩy mạnh cải cách hành chính")
    publish_item(local(2026, 11, 24, 9, 0), "Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo")
    return pdf.bulletin_html(assemble(Week(2026, 48)).bulletin, BASE_URL)


def test_the_pdf_writer_builds_its_page_references_once_per_page_count(html):
    """WeasyPrint reads them once per tagged element and bookmark (11,000 times for 1,000
    entries): rebuilt each time, the tuple of every page's reference cost 0.3 s."""
    pdf.html_to_pdf(html, BASE_URL)
    from weasyprint.pdf import pydyf

    document = pydyf.PDF()
    document.add_page(pydyf.Dictionary())
    first = document.page_references
    assert document.page_references is first
    document.add_page(pydyf.Dictionary())
    added = document.pages["Kids"][-3]
    assert document.page_references == (*first, f"{added} 0 R".encode())


def test_the_entries_have_no_blanks_between_their_tags(html):
    entries = html[html.index("<h2>") : html.index("</body>")]
    assert re.search(r">\s+<", entries) is None
    assert '</h3><p class="meta">' in entries
    assert "Đồng Nai đẩy mạnh cải cách hành chính</h3>" in entries  # words kept apart


def test_the_stylesheet_asks_for_no_costly_layout(html):
    """Per 1,000 entries: hyphenation, a second layout for target-counter (a table of
    contents), tables, floats, flex and grid each cost seconds in WeasyPrint."""
    style = html[html.index("<style>") : html.index("</style>")]
    for costly in ("hyphens", "target-counter", "float:", "display:", "table"):
        assert costly not in style


def test_the_user_agent_stylesheet_has_no_footnote_rules_and_is_parsed_once(html):
    """WeasyPrint computes the styles of its footnotes' and notes' five pseudo-elements and of
    `::marker` for every element (30,000 styles for 1,000 entries); the bulletin has no
    footnotes nor notes, and only list items have markers."""
    from weasyprint import html as weasyprint_html

    from bulletin.pdf_weasyprint import BulletinHTML, user_agent_css, user_agent_stylesheet

    sheet = user_agent_stylesheet()
    assert sheet is user_agent_stylesheet() and sheet is not weasyprint_html.UA_STYLESHEET
    assert BulletinHTML(string=html)._ua_stylesheets() == [sheet]
    css = user_agent_css()
    for name in ("footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"):
        assert f"::{name} {{" in weasyprint_html.UA and f"::{name} {{" not in css
    assert "\n::marker {" in weasyprint_html.UA and "\nli::marker {" in css
    assert "\n::marker {" not in css and len(css) > 0.95 * len(weasyprint_html.UA)
