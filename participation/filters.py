"""The report's filters, as django-filter FilterSets like Wagtail's own reports."""

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from cchc_news.models import Agency, AgencyKind

from .periods import CUSTOM, DEFAULT_KIND, KIND_CHOICES, PeriodError, resolve_period

INCLUDE = "include"


def date_input_formats():
    # The admin's date picker writes WAGTAIL_DATE_FORMAT (dd/mm/yyyy here), which Django's
    # default input formats do not list: they would read 04/05/2026 as 5 April.
    formats = [getattr(settings, "WAGTAIL_DATE_FORMAT", None), "%Y-%m-%d"]
    return list(dict.fromkeys(fmt for fmt in formats if fmt))


def date_filter(label, help_text=""):
    return django_filters.DateFilter(
        label=label,
        method="keep",
        widget=AdminDateInput,
        input_formats=date_input_formats(),
        help_text=help_text,
    )


def with_default_period(data):
    """The query string with the period kind filled in: custom when dates are given."""
    data = data.copy()
    if not data.get("period"):
        data["period"] = CUSTOM if data.get("date_from") or data.get("date_to") else DEFAULT_KIND
    return data


class PeriodFilterForm(forms.Form):
    period_fields = ("period", "day", "date_from", "date_to")

    def clean(self):
        cleaned_data = super().clean()
        if not self.period_fields_invalid():
            try:
                self.resolve_period()
            except PeriodError as error:
                self.add_error(None, str(error))
        return cleaned_data

    def period_fields_invalid(self):
        return any(name in self.errors for name in self.period_fields)

    def resolve_period(self):
        data = self.cleaned_data
        return resolve_period(
            data.get("period"), data.get("day"), data.get("date_from"), data.get("date_to")
        )

    def period(self):
        """The chosen period; PeriodError when the form could not make one out."""
        if not self.is_valid() and (self.period_fields_invalid() or self.non_field_errors()):
            raise PeriodError(self.errors.as_text())
        return self.resolve_period()


class PeriodFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=KIND_CHOICES,
        empty_label=None,
        initial=DEFAULT_KIND,
        method="keep",
        widget=forms.RadioSelect,
    )
    day = date_filter(
        _("Day in the period"),
        _("The week, month, quarter or year that contains this day; today if left empty."),
    )
    date_from = date_filter(_("Custom period from"))
    date_to = date_filter(_("Custom period to"))

    class Meta:
        model = Agency
        fields = []
        form = PeriodFilterForm

    def keep(self, queryset, name, value):
        return queryset  # the period chooses the figures, not the agencies


class ParticipationFilterSet(PeriodFilterSet):
    kind = django_filters.ModelChoiceFilter(
        label=_("Agency kind"), field_name="kind", queryset=AgencyKind.objects.all()
    )
    inactive = django_filters.ChoiceFilter(
        label=_("Inactive agencies"),
        choices=[(INCLUDE, _("Include"))],
        empty_label=_("Leave out"),
        method="keep",
        widget=forms.RadioSelect,
    )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("inactive") != INCLUDE:
            queryset = queryset.filter(active=True)
        return queryset
