"""CSV and XLSX downloads through the report's own URL, with the same filters."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.utils.translation import gettext

from participation.views import ParticipationReportView

from .helpers import MAY, get_report

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
