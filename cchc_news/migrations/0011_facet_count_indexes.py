"""Covering indexes for the section home's facet counts (cchc_news.models.facet_counts).

Both counts join every visible item to its page: with indexes that hold all the columns they
read, PostgreSQL merges two index-only scans by id instead of hashing both tables' rows
(EXPLAIN ANALYZE at 5,000 items: 7.7 → 1.5 ms for the topics and agencies, 8.0 → 2.4 ms for
the campaigns). Only the pages' `id`, `live`, `depth` and `path` are read, and the items'
`page_ptr_id`, `topic_id` and `agency_id`.

Raw SQL that both PostgreSQL and SQLite accept (one of the tables is Wagtail's); no model
state changes.
"""

from django.db import migrations

PAGE_INDEX = "cchc_wagtailcore_page_id_live_depth_path"
ITEM_INDEX = "cchc_news_item_page_topic_agency"


class Migration(migrations.Migration):
    dependencies = [
        ("cchc_news", "0010_department_identity"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {PAGE_INDEX} ON wagtailcore_page (id, live, depth, path)",
            f"DROP INDEX IF EXISTS {PAGE_INDEX}",
        ),
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {ITEM_INDEX}"
            " ON cchc_news_newsitempage (page_ptr_id, topic_id, agency_id)",
            f"DROP INDEX IF EXISTS {ITEM_INDEX}",
        ),
    ]
