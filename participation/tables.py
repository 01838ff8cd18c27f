"""The report's table: Wagtail's Table with sortable headers, a totals row and highlights."""

from operator import attrgetter

from anyascii import anyascii
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, Table

from . import display

SILENT_ROW = "participation-row--silent"


class AgencyColumn(Column):
    cell_template_name = "participation/cells/agency.html"


class FigureColumn(Column):
    """A figure, right-aligned; a dash where there is none."""

    cell_template_name = "participation/cells/figure.html"
    empty_value_display = "—"

    def __init__(self, name, label, accessor=None):
        super().__init__(name, label=label, accessor=accessor, sort_key=name)


def columns():
    return [
        AgencyColumn("agency", label=_("Agency"), sort_key="agency"),
        Column("kind", label=_("Agency kind"), sort_key="kind", accessor=lambda r: r.kind or ""),
        FigureColumn("submissions", _("Submissions")),
        FigureColumn("submitted_items", _("Items submitted")),
        FigureColumn("approved", _("Approved")),
        FigureColumn("sent_back", _("Sent back")),
        FigureColumn("published", _("Published")),
        FigureColumn("in_bulletins", _("In bulletins")),
        FigureColumn(
            "median",
            _("Median time to publication"),
            accessor=lambda row: display.format_duration(row.median_to_publication),
        ),
        FigureColumn(
            "last_contribution",
            _("Last contribution"),
            accessor=lambda row: display.format_optional_day(row.last_contribution_date),
        ),
    ]


def name_key(name):
    # Transliterated so that "Đ" sorts with "D" and accented letters with their base letter.
    return (anyascii(name).casefold(), name)


SORT_KEYS = {
    "agency": lambda row: name_key(row.agency.name),
    "kind": lambda row: (row.agency.kind.sort_order, name_key(row.agency.kind.name)),
    "submissions": attrgetter("submissions"),
    "submitted_items": attrgetter("submitted_items"),
    "approved": attrgetter("approved"),
    "sent_back": attrgetter("sent_back"),
    "published": attrgetter("published"),
    "in_bulletins": attrgetter("in_bulletins"),
    "median": attrgetter("median_to_publication"),
    "last_contribution": attrgetter("last_contribution"),
}


def sort_rows(rows, ordering):
    """Rows sorted by a column (a leading "-" for descending); ties by name, blanks last."""
    ordering = ordering or "agency"
    key = SORT_KEYS[ordering.removeprefix("-")]
    rows = sorted(rows, key=SORT_KEYS["agency"])
    present = [row for row in rows if key(row) is not None]
    blank = [row for row in rows if key(row) is None]
    return sorted(present, key=key, reverse=ordering.startswith("-")) + blank


class ParticipationTable(Table):
    template_name = "participation/table.html"
    classname = "listing participation-table"

    def __init__(self, *args, totals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.totals = totals

    def get_row_classname(self, row):
        return "" if row.contributed else SILENT_ROW

    @property
    def totals_row(self):
        return Table.Row(self, self.totals, len(self.data)) if self.totals else None
