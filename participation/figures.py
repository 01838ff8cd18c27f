"""How much each agency took part in the CCHC news over a period.

What each figure counts (events dated by the Department's calendar, see periods.py):

- submissions: runs of the review workflow (WorkflowState) started in the period on the
  agency's items, and the distinct items among them (an item cancelled and sent again
  counts twice, once as an item). Every workflow that runs on a news item is the CCHC
  review; runs are not picked by workflow name, which administrators may change.
- approved: items whose workflow run finished approved in the period. WorkflowState keeps
  no finish time: a run finishes when its last task is approved.
- sent back: tasks rejected ("request changes") in the period; an item sent back twice
  counts twice.
- published: items first published in the period, through review or directly.
- in bulletins: items in bulletins first published in the period.
- time to publication: for items published in the period, from their first submission to
  their first publication (directly published items have none); the report shows the median.
- last contribution: the latest submission or first publication, at any time.

Each figure is one grouped query, whatever the number of agencies and items; Python only
combines the groups.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Cast, TruncDate
from wagtail.models import TaskState, WorkflowState

from bulletin.models import BulletinMembership
from cchc_news.models import Agency, NewsItemPage
from cchc_news.review_state import workflow_states_of, workflow_states_of_outer_page

from .periods import local_date, local_midnight, site_timezone

COUNTS = ("submissions", "submitted_items", "approved", "sent_back", "published", "in_bulletins")


def median(values):
    values = sorted(values)
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def latest(*moments):
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None


@dataclass
class Participation:
    """One agency's figures; the totals row has no agency."""

    agency: Agency | None = None
    submissions: int = 0
    submitted_items: int = 0
    approved: int = 0
    sent_back: int = 0
    published: int = 0
    in_bulletins: int = 0
    times_to_publication: list[timedelta] = field(default_factory=list)
    last_contribution: datetime | None = None

    @property
    def is_total(self):
        return self.agency is None

    @property
    def kind(self):
        return None if self.is_total else self.agency.kind

    @property
    def contributed(self):
        """Whether the agency submitted or published anything in the period (None on totals)."""
        return None if self.is_total else bool(self.submissions or self.published)

    @property
    def median_to_publication(self):
        return median(self.times_to_publication)

    @property
    def last_contribution_date(self):
        return local_date(self.last_contribution)


def totals(rows):
    total = Participation()
    for row in rows:
        for name in COUNTS:
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.times_to_publication += row.times_to_publication
        total.last_contribution = latest(total.last_contribution, row.last_contribution)
    return total


# --- the grouped queries ------------------------------------------------------------------


def in_period(field_name, start, end):
    return {f"{field_name}__gte": start, f"{field_name}__lt": end}


def agency_of(object_id_ref):
    """The agency of the page whose id is `object_id_ref` (text, as WorkflowState stores it)."""
    item = NewsItemPage.objects.filter(pk=Cast(object_id_ref, IntegerField()))
    return Subquery(item.values("agency_id")[:1])


def item_states(agency_ids):
    """Workflow runs on the items of the agencies."""
    items = NewsItemPage.objects.filter(agency_id__in=agency_ids)
    return WorkflowState.objects.filter(workflow_states_of(items))


def grouped(queryset, agency, **aggregates):
    """{agency id: {aggregate: value}}; `agency` names the agency field or expression."""
    if not isinstance(agency, str):
        queryset, agency = queryset.annotate(agency_key=agency), "agency_key"
    rows = queryset.values(agency).annotate(**aggregates).order_by()
    return {row.pop(agency): row for row in rows}


def submissions(agency_ids, period):
    states = item_states(agency_ids).filter(**in_period("created_at", period.start, period.end))
    return grouped(
        states,
        agency_of(OuterRef("object_id")),
        submissions=Count("pk"),
        submitted_items=Count("object_id", distinct=True),
    )


def approvals(agency_ids, period):
    last_task_finished = (
        TaskState.objects.filter(workflow_state=OuterRef("pk"), finished_at__isnull=False)
        .order_by("-finished_at")
        .values("finished_at")[:1]
    )
    states = (
        item_states(agency_ids)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .annotate(finished_at=Subquery(last_task_finished))
        .filter(**in_period("finished_at", period.start, period.end))
    )
    return grouped(
        states, agency_of(OuterRef("object_id")), approved=Count("object_id", distinct=True)
    )


def send_backs(agency_ids, period):
    rejected = TaskState.objects.filter(
        status=TaskState.STATUS_REJECTED,
        workflow_state__in=item_states(agency_ids),
        **in_period("finished_at", period.start, period.end),
    )
    agency = agency_of(OuterRef("workflow_state__object_id"))
    return grouped(rejected, agency, sent_back=Count("pk"))


def publications(agency_ids, period):
    """(agency id, first published at, first submitted at or None) of each item published."""
    first_submission = (
        workflow_states_of_outer_page()
        .filter(created_at__lte=OuterRef("first_published_at"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return (
        NewsItemPage.objects.filter(
            agency_id__in=agency_ids,
            **in_period("first_published_at", period.start, period.end),
        )
        .annotate(first_submitted_at=Subquery(first_submission))
        .values_list("agency_id", "first_published_at", "first_submitted_at")
        .order_by()
    )


def bulletin_entries(agency_ids, period):
    memberships = BulletinMembership.objects.filter(
        item__agency_id__in=agency_ids,
        **in_period("bulletin__first_published_at", period.start, period.end),
    )
    return grouped(memberships, "item__agency_id", in_bulletins=Count("pk"))


def last_contributions(agency_ids):
    """{agency id: latest submission or first publication}, at any time."""
    last_submitted = grouped(
        item_states(agency_ids), agency_of(OuterRef("object_id")), last=Max("created_at")
    )
    last_published = grouped(
        NewsItemPage.objects.filter(agency_id__in=agency_ids),
        "agency_id",
        last=Max("first_published_at"),
    )
    return {
        agency_id: latest(
            last_submitted.get(agency_id, {}).get("last"),
            last_published.get(agency_id, {}).get("last"),
        )
        for agency_id in agency_ids
    }


def participation(agencies, period):
    """A Participation row for each agency, in the order given."""
    rows = {agency.pk: Participation(agency=agency) for agency in agencies}
    if not rows:
        return []
    agency_ids = list(rows)
    for counts in (
        submissions(agency_ids, period),
        approvals(agency_ids, period),
        send_backs(agency_ids, period),
        bulletin_entries(agency_ids, period),
    ):
        for agency_id, values in counts.items():
            if agency_id in rows:
                for name, value in values.items():
                    setattr(rows[agency_id], name, value)
    for agency_id, published_at, submitted_at in publications(agency_ids, period):
        row = rows[agency_id]
        row.published += 1
        if submitted_at is not None:
            row.times_to_publication.append(published_at - submitted_at)
    for agency_id, moment in last_contributions(agency_ids).items():
        rows[agency_id].last_contribution = moment
    return list(rows.values())


# --- contributions per day ---------------------------------------------------------------


def counts_per_day(queryset, field_name, start, end):
    """{local date: count} of the rows whose `field_name` falls in [start, end)."""
    day = TruncDate(field_name, tzinfo=site_timezone())
    rows = (
        queryset.filter(**in_period(field_name, start, end))
        .annotate(day=day)
        .values("day")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["day"]: row["count"] for row in rows}


def daily_contributions(agency_ids, first_day, last_day):
    """({day: submissions}, {day: first publications}) of the agencies, from first to last day."""
    start, end = local_midnight(first_day), local_midnight(last_day + timedelta(days=1))
    submitted = counts_per_day(item_states(agency_ids), "created_at", start, end)
    published = counts_per_day(
        NewsItemPage.objects.filter(agency_id__in=agency_ids), "first_published_at", start, end
    )
    return submitted, published
