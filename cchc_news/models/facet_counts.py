"""How many visible news items each topic, agency and campaign of the section home has.

Counted by grouping the visible items, once per relation: an annotation per facet row
(`COUNT(...) FILTER (WHERE item IN visible)`) made PostgreSQL match every facet row's items
against the visible set, about three times as long at 10,000 items (bench/results.md). Both
read covering indexes of the items and of their pages (migration 0010).
"""

from collections import Counter

from django.db.models import Count


def facet_count_queries(visible):
    """The two counting queries: (topic id, agency id, n) and (campaign id, n)."""
    return (
        visible.order_by().values_list("topic_id", "agency_id").annotate(n=Count("pk")),
        visible.order_by()
        .filter(campaigns__isnull=False)
        .values_list("campaigns")
        .annotate(n=Count("pk")),
    )


def facet_counts(visible):
    """({topic id: n}, {agency id: n}, {campaign id: n}) over the `visible` items."""
    by_topic, by_agency = Counter(), Counter()
    grouped, by_campaign = facet_count_queries(visible)
    for topic_id, agency_id, count in grouped:
        by_topic[topic_id] += count
        by_agency[agency_id] += count
    return by_topic, by_agency, dict(by_campaign)


def with_counts(objects, counts, key="pk"):
    """`objects` as a list, each with `item_count` from `counts` (0 when absent)."""
    objects = list(objects)
    for obj in objects:
        obj.item_count = counts.get(getattr(obj, key), 0)
    return objects
