"""The report in the admin: the table, filters, sorting and what bad input gets."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from cchc_news.models import AgencyKind
from participation.display import format_duration

from .helpers import MAY, agency_names, get_report, highlighted, soup, table_rows

pytestmark = pytest.mark.django_db

JUSTICE = "Sở Tư pháp"
WARD = "UBND phường Bến Thành"
SILENT = "Sở Xây dựng"
CLOSED = "Ban Quản lý đã giải thể"


def test_office_sees_every_column_the_highlight_and_the_totals(client, office_user, dataset):
    response = get_report(client, office_user, MAY)
    assert response.status_code == 200
    body, total = table_rows(response)
    # Shown in the user's language: the catalogue decides the words, the test the figures.
    median = format_duration(timedelta(days=4, hours=2))
    assert body == [
        [JUSTICE, "Sở, ban, ngành", "3", "2", "1", "2", "1", "1", median, "31/05/2026"],
        [SILENT, "Sở, ban, ngành", "0", "0", "0", "0", "0", "0", "—", "—"],
        [WARD, "UBND phường, xã, đặc khu", "0", "0", "0", "0", "1", "1", "—", "01/05/2026"],
    ]
    assert total == [gettext("Total"), "", "3", "2", "1", "2", "2", "2", median, "31/05/2026"]
    assert highlighted(response) == [SILENT]
    page = soup(response)
    assert "01/05/2026" in page.find(class_="participation-period").get_text()
    summary = page.find(class_="participation-summary").get_text(" ", strip=True)
    assert (
        gettext(
            "%(silent)s of %(total)s agencies made no contribution in this period (highlighted)."
        )
        % {"silent": 1, "total": 3}
        in summary
    )


def test_the_date_picker_format_is_read_day_first(client, office_user, dataset):
    # The admin's date picker writes dd/mm/yyyy; 04/05/2026 is 4 May, not 5 April.
    response = get_report(client, office_user, {"period": "week", "day": "04/05/2026"})
    assert "04/05/2026" in soup(response).find(class_="participation-period").get_text()
    assert table_rows(response)[1][2:8] == ["1", "1", "1", "2", "1", "2"]


def test_custom_period(client, office_user, dataset):
    params = {"period": "custom", "date_from": "01/05/2026", "date_to": "01/05/2026"}
    body, total = table_rows(get_report(client, office_user, params))
    assert total[2:8] == ["0", "0", "0", "0", "1", "0"]
    # Dates alone mean a custom period.
    params = {"date_from": "2026-04-30", "date_to": "2026-04-30"}
    body, total = table_rows(get_report(client, office_user, params))
    assert total[2:8] == ["1", "1", "0", "0", "1", "1"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"period": "quarter", "day": "2026-06-30"}, "01/04/2026"),
        ({"period": "year", "day": "2026-05-12"}, "01/01/2026"),
        ({"period": "week", "day": "2026-05-10"}, "04/05/2026"),
    ],
)
def test_other_periods(client, office_user, dataset, params, expected):
    response = get_report(client, office_user, params)
    assert expected in soup(response).find(class_="participation-period").get_text()
    assert table_rows(response)[1][2] in {"1", "3", "4"}


def test_filter_by_agency_kind(client, office_user, dataset, communes):
    response = get_report(client, office_user, {**MAY, "kind": communes.pk})
    assert agency_names(response) == [WARD]
    assert table_rows(response)[1][6] == "1"


def test_inactive_agencies_only_when_asked(client, office_user, dataset):
    assert CLOSED not in agency_names(get_report(client, office_user, MAY))
    response = get_report(client, office_user, {**MAY, "inactive": "include"})
    assert agency_names(response) == [CLOSED, JUSTICE, SILENT, WARD]
    assert highlighted(response) == [CLOSED, SILENT]


ORDERINGS = {
    "agency": [CLOSED, JUSTICE, SILENT, WARD],
    "-agency": [WARD, SILENT, JUSTICE, CLOSED],
    "kind": [WARD, CLOSED, JUSTICE, SILENT],  # kinds in the admin's order, then by name
    "-kind": [CLOSED, JUSTICE, SILENT, WARD],
    "-submissions": [JUSTICE, CLOSED, SILENT, WARD],
    "submitted_items": [CLOSED, SILENT, WARD, JUSTICE],
    "-approved": [JUSTICE, CLOSED, SILENT, WARD],
    "-sent_back": [JUSTICE, CLOSED, SILENT, WARD],
    "published": [CLOSED, SILENT, JUSTICE, WARD],
    "-published": [JUSTICE, WARD, CLOSED, SILENT],
    "-in_bulletins": [JUSTICE, WARD, CLOSED, SILENT],
    "median": [JUSTICE, CLOSED, SILENT, WARD],  # blanks last, by name
    "-median": [JUSTICE, CLOSED, SILENT, WARD],
    "last_contribution": [WARD, JUSTICE, CLOSED, SILENT],
    "-last_contribution": [JUSTICE, WARD, CLOSED, SILENT],
    "nonsense": [CLOSED, JUSTICE, SILENT, WARD],
}


def test_sorting_by_each_column(client, office_user, dataset, communes):
    AgencyKind.objects.update(sort_order=1)
    AgencyKind.objects.filter(pk=communes.pk).update(sort_order=0)
    shown = {
        ordering: agency_names(
            get_report(client, office_user, {**MAY, "inactive": "include", "ordering": ordering})
        )
        for ordering in ORDERINGS
    }
    assert shown == ORDERINGS


BAD_INPUT = [
    ({"day": "31/02/2026"}, None),
    ({"period": "fortnight"}, None),
    ({"kind": "999"}, None),
    ({"kind": "abc"}, None),
    (
        {"period": "custom", "date_from": "2026-05-10", "date_to": "2026-05-01"},
        "The first day of the period is after its last day.",
    ),
    (
        {"period": "custom", "date_from": "2026-05-10"},
        "Give both the first and the last day of the custom period.",
    ),
    (
        {"period": "custom", "date_from": "2010-01-01", "date_to": "2026-01-01"},
        "A custom period can cover at most five years.",
    ),
    ({"day": "0001-01-01"}, "Dates must be between %(earliest)s and %(latest)s."),
    ({"day": "9999-12-31"}, "Dates must be between %(earliest)s and %(latest)s."),
]


def test_bad_input_gets_a_message_and_the_current_month(client, office_user, dataset):
    for params, message in BAD_INPUT:
        for name in ("participation_report", "participation_report_results"):
            response = get_report(client, office_user, params, name=name)
            assert response.status_code == 200, params
            page = soup(response)
            alert = page.find(class_="help-critical").get_text(" ", strip=True)
            if message:
                expected = gettext(message) % {"earliest": "01/01/2000", "latest": "31/12/2099"}
                assert expected in alert, params
            # The figures are still there, for the current month.
            assert len(agency_names(response)) == 3, params
            assert (
                f"/{timezone.localdate():%m/%Y}"
                in page.find(class_="participation-period").get_text()
            ), params


def test_a_bad_date_does_not_drop_the_other_filters(client, office_user, dataset, communes):
    response = get_report(client, office_user, {"kind": communes.pk, "day": "hôm qua"})
    assert agency_names(response) == [WARD]


def test_results_fragment_for_filtering_without_reload(client, office_user, dataset):
    client.force_login(office_user)
    response = client.get(reverse("participation_report_results"), MAY)
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert table_rows(response)[1][2] == "3"


@pytest.mark.parametrize("name", ["participation_report", "participation_my_agency"])
def test_no_none_in_the_page(client, office_user, editor_a, name):
    """Wagtail's breadcrumbs tag passes classname=None, which its template printed as "None"."""
    user = office_user if name == "participation_report" else editor_a
    page = soup(get_report(client, user, MAY, name=name))

    assert "None" not in page.get_text()
    for element in page.find_all(class_=True):
        assert "None" not in element["class"], element.name
