"""The section's news listing (tin-bai/), filterable by agency, topic, campaign and dates.

The filters are query parameters validated by a form: an unknown code or a malformed date
is reported next to its field while the valid filters still apply, and nothing a visitor
types into the address can cause a server error.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Exists, OuterRef
from django.forms.models import ModelChoiceIterator
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from ..generation_cache import cached_by_generation
from ..models import Agency, Campaign, NewsItemPage, Topic
from ..models.pages import paginate_cards
from ..query_parameters import declare_query
from ..section_routes import section_route

# What someone types (day first, as the portal writes every date), and what the listing's
# own links carry (ISO, as do older bookmarks).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DISPLAY_DATE = "d/m/Y"
# How to write a date: the field's placeholder, and its hint inside the label (part of the
# field's accessible name, which a placeholder is not everywhere).
DATE_HINT = pgettext_lazy("how to write a date", "dd/mm/yyyy")


class DayFirstDateInput(forms.DateInput):
    """A text field for a date written dd/mm/yyyy, whatever the browser's language.

    A native <input type="date"> shows the date in the browser's locale (mm/dd/yyyy in an
    American browser) while the portal writes and asks for 31/12/2026. No script: the
    numeric keypad on phones, a placeholder, a hint and the pattern are plain HTML.
    """

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": 10,
            # ISO too: the value a link with ISO dates fills in is still one to submit.
            "pattern": r"\s*(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*",
            "placeholder": DATE_HINT,
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class DayFirstDateField(forms.DateField):
    widget = DayFirstDateInput
    hint = DATE_HINT  # shown in the label by filter_field.html

    def bound_data(self, data, initial):
        """A valid date is shown as the portal writes it, however it was typed."""
        try:
            return self.to_python(data) or data
        except forms.ValidationError:
            return data


def date_field(label):
    return DayFirstDateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": gettext_lazy("Enter a valid date, such as 31/12/2026.")},
    )


class OfferedChoiceIterator(ModelChoiceIterator):
    """The field's offered objects (read before), else its queryset's, as Django's."""

    def __iter__(self):
        offered = self.field.offered
        if offered is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in offered:
            yield self.choice(obj)

    def __len__(self):
        offered = self.field.offered
        if offered is None:
            return super().__len__()
        return len(offered) + (1 if self.field.empty_label is not None else 0)


class CodeChoiceField(forms.ModelChoiceField):
    """A choice by code or slug; a value no code can have is refused before any query.

    Given the objects of its queryset (`offer`), it shows and validates against them: the
    listing reads them once per generation of public content, not three queries a view.
    """

    iterator = OfferedChoiceIterator
    offered = None

    def offer(self, objects):
        self.offered = list(objects)
        self.widget.choices = self.choices

    def to_python(self, value):
        # PostgreSQL refuses NUL characters in a query parameter: it would be a server error.
        if value and "\x00" in str(value):
            raise self.invalid_choice(value)
        if self.offered is None or value in self.empty_values:
            return super().to_python(value)
        by_code = {str(getattr(obj, self.to_field_name)): obj for obj in self.offered}
        if str(value) not in by_code:
            raise self.invalid_choice(value)
        return by_code[str(value)]

    def invalid_choice(self, value):
        return forms.ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": str(value).replace("\x00", "")},
        )


class NewsFilterForm(forms.Form):
    """The listing's filters, read from the query string."""

    # `from` and `to` are Python keywords: the fields carry those names in the query string.
    PARAMETERS = {"date_from": "from", "date_to": "to"}

    agency = CodeChoiceField(
        label=gettext_lazy("Agency"),
        queryset=Agency.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("All agencies"),
        error_messages={
            "invalid_choice": gettext_lazy("There is no agency with the code “%(value)s”.")
        },
    )
    topic = CodeChoiceField(
        label=gettext_lazy("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All topics"),
        error_messages={"invalid_choice": gettext_lazy("There is no topic “%(value)s”.")},
    )
    campaign = CodeChoiceField(
        label=gettext_lazy("Campaign"),
        queryset=Campaign.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All campaigns"),
        error_messages={"invalid_choice": gettext_lazy("There is no campaign “%(value)s”.")},
    )
    # In context: Wagtail's own "From" and "To" (the redirects' columns) are not dates.
    date_from = date_field(pgettext_lazy("first day of a date range", "From"))
    date_to = date_field(pgettext_lazy("last day of a date range", "To"))

    def __init__(self, *args, choices=None, **kwargs):
        """`choices`: {field name: the objects of its queryset} read before (filter_choices)."""
        super().__init__(*args, **kwargs)
        for name, objects in (choices or {}).items():
            self.fields[name].offer(objects)

    def add_prefix(self, field_name):
        return super().add_prefix(self.PARAMETERS.get(field_name, field_name))

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        # Screen readers announce a field's error with the field (WCAG 3.3.1).
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def filters(self):
        """{field name: value} of the filters that are valid and set."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def parameters(self):
        """The query parameters of the valid filters, in the form's order."""
        values = {
            "agency": lambda agency: agency.code,
            "topic": lambda topic: topic.slug,
            "campaign": lambda campaign: campaign.slug,
            "date_from": lambda day: day.isoformat(),
            "date_to": lambda day: day.isoformat(),
        }
        filters = self.filters()
        return {
            self.add_prefix(name): to_param(filters[name])
            for name, to_param in values.items()
            if name in filters
        }


def filter_items(items, filters):
    """`items` narrowed by every filter given (they combine with AND)."""
    if "agency" in filters:
        items = items.filter(agency=filters["agency"])
    if "topic" in filters:
        items = items.filter(topic=filters["topic"])
    if "campaign" in filters:
        # EXISTS rather than a join, which would repeat an item once per matching row.
        tagged = NewsItemPage.campaigns.through.objects.filter(
            newsitempage=OuterRef("pk"), campaign=filters["campaign"]
        )
        items = items.filter(Exists(tagged))
    # __date takes the local date (TIME_ZONE, Asia/Ho_Chi_Minh) of the UTC timestamp.
    if "date_from" in filters:
        items = items.filter(first_published_at__date__gte=filters["date_from"])
    if "date_to" in filters:
        items = items.filter(first_published_at__date__lte=filters["date_to"])
    return items


@dataclass
class ActiveFilter:
    label: str
    value: str
    remove_url: str  # the listing with every other filter kept

    def __str__(self):
        return f"{self.label}: {self.value}"


def active_filters(form, base_url):
    filters, parameters = form.filters(), form.parameters()
    active = []
    for name, value in filters.items():
        shown = date_format(value, DISPLAY_DATE) if name.startswith("date_") else str(value)
        others = {key: param for key, param in parameters.items() if key != form.add_prefix(name)}
        active.append(
            ActiveFilter(str(form.fields[name].label), shown, with_query(base_url, others))
        )
    return active


def with_query(url, parameters):
    return f"{url}?{urlencode(parameters)}" if parameters else url


def listing_seo(section, request, title, form, active, items):
    """Title, description and canonical URL: only the parameters that change the content."""
    if active:
        description = "{} – {}.".format(
            _("Administrative reform news"), "; ".join(map(str, active))
        )
    else:
        description = _("All administrative reform news items from the province's agencies.")
    parameters = form.parameters()
    if items.number > 1:
        title = _("%(title)s – page %(number)s") % {"title": title, "number": items.number}
        parameters["page"] = items.number
    canonical = section.get_full_url(request) + section.reverse_subpage("news")
    seo = {
        "title": title,
        "description": description,
        "canonical": with_query(canonical, parameters),
    }
    if form.errors:
        seo["robots"] = "noindex"
    return seo


def filter_choices(request):
    """{field name: objects} of the filters' choices, read once per generation of public
    content (agencies, topics and campaigns are public content)."""

    def read():
        fields = NewsFilterForm.base_fields.items()
        # all(): a new query each time, not the class-level queryset's results of before.
        return {
            name: list(field.queryset.all()) for name, field in fields if hasattr(field, "offer")
        }

    return cached_by_generation("news-filter-choices", read, request)


def listing_count(section, form, items, request):
    """How many items the filters select: counting them reads every one (12 ms at 10,000 on
    PostgreSQL), so once per generation of public content and set of valid filters."""
    filters = urlencode(sorted(form.parameters().items()))
    return cached_by_generation(f"news-count:{section.pk}:{filters}", items.count, request)


FILTER_FORM_TEMPLATE = "cchc_news/includes/news_filter_form.html"


def filter_form_html(request, form, listing_url, active):
    """The filter form, rendered once per generation of public content (its choices), address,
    language and set of valid filters (Django renders a select's options one template each);
    None for a form with errors, which shows what was typed."""
    if form.errors:
        return None
    filters = urlencode(sorted(form.parameters().items()))
    context = {"form": form, "listing_url": listing_url, "active_filters": active}
    return cached_by_generation(
        f"news-filter-form:{get_language()}:{listing_url}?{filters}",
        lambda: render_to_string(FILTER_FORM_TEMPLATE, context, request),
        request,
    )


@section_route("news")
def render_news_listing(section, request):
    form = NewsFilterForm(request.GET, choices=filter_choices(request))
    declare_query(request, **form.parameters())  # the valid filters (paginate adds the page)
    base_url = section.get_url(request) + section.reverse_subpage("news")
    active = active_filters(form, base_url)
    items = filter_items(
        NewsItemPage.objects.descendant_of(section).for_listing(request), form.filters()
    )
    filters = urlencode(sorted(form.parameters().items()))
    page = paginate_cards(
        request,
        items,
        f"news-items:{section.pk}:{filters}",
        count=listing_count(section, form, items, request),
    )
    heading = _("News items")
    title = " – ".join([heading, *map(str, active)])
    return section.render(
        request,
        template="cchc_news/news_listing.html",
        context_overrides={
            "form": form,
            "filter_form_html": filter_form_html(request, form, base_url, active),
            "items": page,
            "active_filters": active,
            "listing_title": title,
            "listing_url": base_url,
            "subpage_title": heading,
            "seo": listing_seo(section, request, title, form, active, page),
        },
    )
