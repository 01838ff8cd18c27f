"""The search's GIN index (migration 0009) written to at once, not through a pending list.

With GIN's default `fastupdate`, new entries wait in an unsorted pending list until a
VACUUM, or until the list reaches gin_pending_list_limit (4 MB: about 2,500 entries here),
and every search through the index reads the whole list. Autovacuum on an insert-only table
runs after some 1,000 + 20 % new rows, so on a site publishing a few items a day the list
held thousands of entries for weeks: at 10,000 items, with 2,400 pending, the planner priced
the index above matching every entry, and a rare word ("5000") took 194 ms instead of
0.2 ms. Writing each entry into the index costs a publication little; the list left by
earlier writes is moved into the index here. Nothing to do on other databases.
"""

from django.db import migrations

INDEX = "cchc_news_indexentry_title_body_gin"


def write_directly(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER INDEX {INDEX} SET (fastupdate = off)")
    schema_editor.execute(f"SELECT gin_clean_pending_list('{INDEX}'::regclass)")


def write_through_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER INDEX {INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("cchc_news", "0012_mail_in"),
    ]

    operations = [
        migrations.RunPython(write_directly, write_through_pending_list, elidable=False),
    ]
