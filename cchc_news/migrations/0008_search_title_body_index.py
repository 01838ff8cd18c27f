"""A GIN index on the search index entries' `title || body`, the vector the search matches.

The PostgreSQL search backend filters on `title || body @@ query` (modelsearch's
PostgresSearchQueryCompiler.get_index_vectors), which Wagtail's own GIN indexes, on each
column alone, cannot serve. The expression index does two things: a rare word is found
through it, and ANALYZE keeps statistics on the expression, so the planner knows when a word
is in most entries and then walks the pages newest first, stopping at the bounded candidate
set of the section's search (cchc_news.public.search.candidate_pks), instead of matching every
entry. Nothing to do on other databases.
"""

from django.db import migrations

INDEX = "cchc_news_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry"
        " USING gin ((title || body))"
    )
    # Statistics on the expression now rather than at the next autovacuum.
    schema_editor.execute("ANALYZE wagtailsearch_indexentry")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cchc_news", "0007_email_outbox"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
