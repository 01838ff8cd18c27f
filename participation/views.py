"""The participation report, on Wagtail's report machinery (filters, sorting, CSV/XLSX)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton

from cchc_news.models import Agency
from cchc_news.slugs import vietnamese_slugify

from . import display
from .access import can_view_report, has_own_agency, own_agencies
from .charts import ContributionChart, span_counts
from .figures import daily_contributions, participation, totals
from .filters import ParticipationFilterSet, PeriodFilterSet, with_default_period
from .periods import PeriodError, default_period
from .spans import period_spans
from .tables import ParticipationTable, columns, sort_rows

CSV_BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 only when it starts with this mark


class ParticipationReportView(ReportView):
    """Every agency's figures, for the CCHC office and the Department's leadership."""

    results_template_name = "participation/report_results.html"
    page_title = _("Participation")
    header_icon = "group"
    filterset_class = ParticipationFilterSet
    index_url_name = "participation_report"
    index_results_url_name = "participation_report_results"
    table_class = ParticipationTable
    columns = columns()
    default_ordering = "agency"
    paginate_by = None  # one row per agency, and the totals cover them all
    verbose_name_plural = _("agencies")
    list_export = [
        "agency",
        "kind",
        "submissions",
        "submitted_items",
        "approved",
        "sent_back",
        "published",
        "in_bulletins",
        "median_to_publication",
        "last_contribution_date",
        "contributed",
    ]
    export_headings = {
        "agency": _("Agency"),
        "kind": _("Agency kind"),
        "submissions": _("Submissions"),
        "submitted_items": _("Items submitted"),
        "approved": _("Approved"),
        "sent_back": _("Sent back"),
        "published": _("Published"),
        "in_bulletins": _("In bulletins"),
        "median_to_publication": _("Median time to publication (days)"),
        "last_contribution_date": _("Last contribution"),
        "contributed": _("Contributed in the period"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "agency": dict.fromkeys(self.FORMATS, display.agency_name),
            "median_to_publication": dict.fromkeys(self.FORMATS, display.duration_in_days),
            "contributed": dict.fromkeys(self.FORMATS, display.yes_no),
        }

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def user_may_view(self, user):
        return can_view_report(user)

    def get_queryset(self):
        return Agency.objects.select_related("kind")

    # --- filters and period ---------------------------------------------------------------

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "data": with_default_period(self.request.GET)}

    def filter_queryset(self, queryset):
        # Apply every filter that is valid even when another is not: a mistyped date must
        # not bring back the inactive agencies or every kind.
        if self.filters:
            self.filters.is_valid()
            queryset = self.filters.filter_queryset(queryset)
        return queryset

    @cached_property
    def period(self):
        try:
            return self.filters.form.period()
        except PeriodError:
            return default_period()

    @cached_property
    def filter_errors(self):
        form = self.filters.form
        if form.is_valid():
            return []
        messages = list(form.non_field_errors())
        for name, errors in form.errors.items():
            if name != forms.forms.NON_FIELD_ERRORS:
                messages += [f"{form.fields[name].label}: {error}" for error in errors]
        return messages

    # --- rows ---------------------------------------------------------------------------------

    def get_filtered_queryset(self):
        agencies = list(self.filter_queryset(self.get_queryset()))
        self.rows = participation(agencies, self.period)
        self.totals = totals(self.rows)
        return sort_rows(self.rows, self.ordering)

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "totals": self.totals}

    @cached_property
    def silent_count(self):
        return sum(not row.contributed for row in self.rows)

    @cached_property
    def chart(self):
        """The table's period, part by part, up to today."""
        spans = period_spans(self.period)
        if not spans:
            return ContributionChart([])
        agency_ids = [row.agency.pk for row in self.rows]
        daily = daily_contributions(agency_ids, spans[0].first_day, spans[-1].last_day)
        return ContributionChart(span_counts(spans, *daily))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["media"] += forms.Media(css={"all": ["participation/css/participation.css"]})
        return context

    # --- export ------------------------------------------------------------------------------

    @cached_property
    def header_buttons(self):
        """Excel and CSV as buttons of their own: Wagtail folds them into a "…" menu that
        people do not open. Filtering re-renders them with the new filters (results_only)."""
        return [
            *super().header_buttons,
            HeaderButton(
                _("Export to Excel"), url=self.xlsx_export_url, icon_name="download", priority=10
            ),
            HeaderButton(
                _("Export to CSV"), url=self.csv_export_url, icon_name="download", priority=20
            ),
        ]

    @cached_property
    def header_more_buttons(self):
        return []  # the exports, Wagtail's only entries here, are header buttons

    def get_filename(self):
        name = vietnamese_slugify(str(self.get_page_title())) or "participation"
        return f"{name}-{self.period.first_day:%Y-%m-%d}-{self.period.last_day:%Y-%m-%d}"

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet([*queryset, self.totals], spreadsheet_format)

    def stream_csv(self, queryset):
        yield CSV_BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class MyAgencyParticipationView(ParticipationReportView):
    """The same figures for the user's own agency only: no filter can reach another."""

    page_title = _("My agency — participation")
    filterset_class = PeriodFilterSet
    index_url_name = "participation_my_agency"
    index_results_url_name = "participation_my_agency_results"

    def user_may_view(self, user):
        return has_own_agency(user)

    def get_queryset(self):
        return own_agencies(self.request.user)
