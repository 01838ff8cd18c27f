"""CSV and XLSX downloads through the report's own URL, with the same filters."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils.translation import gettext

from participation.views import ParticipationReportView

from .helpers import MAY, get_report, soup

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Agency",
    "Agency kind",
    "Submissions",
    "Items submitted",
    "Approved",
    "Sent back",
    "Published",
    "In bulletins",
    "Median time to publication (days)",
    "Last contribution",
    "Contributed in the period",
]


def headings():
    # In the site's language (Vietnamese): whatever the catalogue says for each msgid.
    return [gettext(heading) for heading in HEADINGS]


def expected_rows():
    yes, no = gettext("yes"), gettext("no")
    return [
        ["Sở Tư pháp", "Sở, ban, ngành", 3, 2, 1, 2, 1, 1, 4.08, "2026-05-31", yes],
        ["Sở Xây dựng", "Sở, ban, ngành", 0, 0, 0, 0, 0, 0, "", "", no],
        [
            "UBND phường Bến Thành",
            "UBND phường, xã, đặc khu",
            0,
            0,
            0,
            0,
            1,
            1,
            "",
            "2026-05-01",
            yes,
        ],
        [gettext("Total"), "", 3, 2, 1, 2, 2, 2, 4.08, "2026-05-31", ""],
    ]


def test_headings_are_the_views_own():
    assert [
        str(ParticipationReportView.export_headings[f]) for f in ParticipationReportView.list_export
    ] == headings()


def test_csv_export_has_the_rows_totals_and_a_byte_order_mark(client, office_user, dataset):
    response = get_report(client, office_user, {**MAY, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="' in response["Content-Disposition"]
    assert "2026-05-01-2026-05-31.csv" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads Vietnamese right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == headings()
    assert rows[1:] == [[str(value) for value in row] for row in expected_rows()]


def test_xlsx_export_has_the_same_rows(client, office_user, dataset):
    response = get_report(client, office_user, {**MAY, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[0] == headings()

    def as_xlsx(value):
        if value == "":
            return None
        if isinstance(value, str) and value.startswith("2026-"):
            return date.fromisoformat(value)
        return value

    assert rows[1:] == [[as_xlsx(value) for value in row] for row in expected_rows()]


def test_exports_follow_the_filters(client, office_user, dataset, communes):
    response = get_report(client, office_user, {**MAY, "kind": communes.pk, "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["UBND phường Bến Thành", gettext("Total")]


def test_agency_users_export_only_their_own_agency(client, editor_a, dataset):
    response = get_report(
        client, editor_a, {**MAY, "export": "csv", "kind": ""}, name="participation_my_agency"
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Sở Tư pháp", gettext("Total")]


def export_buttons(page):
    """{label: address} of the header's own buttons (not those folded in its "…" menu)."""
    header = page.find(id="w-slim-header-buttons")
    return {
        link.get_text(" ", strip=True): link["href"]
        for link in header.find_all("a", class_="w-header-button")
    }


def test_the_exports_are_visible_buttons_that_keep_the_filters(client, office_user, communes):
    page = soup(get_report(client, office_user, {**MAY, "kind": communes.pk}))

    buttons = export_buttons(page)

    excel, spreadsheet = gettext("Export to Excel"), gettext("Export to CSV")
    assert list(buttons) == [excel, spreadsheet]
    for label, export in [(excel, "xlsx"), (spreadsheet, "csv")]:
        assert f"export={export}" in buttons[label]
        assert f"kind={communes.pk}" in buttons[label]
    assert not page.find(id="w-slim-header-buttons").find("button")  # no "…" menu left


def test_filtering_without_reload_updates_the_export_buttons(client, office_user, communes):
    client.force_login(office_user)
    response = client.get(reverse("participation_report_results"), {**MAY, "kind": communes.pk})

    teleported = soup(response).find("template", attrs={"data-w-teleport-target-value": True})
    links = [link["href"] for link in teleported.find_all("a", class_="w-header-button")]
    assert len(links) == 2
    assert all(f"kind={communes.pk}" in link for link in links)
