"""The PostgreSQL text search configuration of the section's search (cchc_news.search_backends).

`cchc_vietnamese` is `simple` (no stemming: Vietnamese words are single syllables) with
`unaccent` in front for the token types that can hold letters, so "Đảng ủy", "ĐẢNG ỦY"
and "dang uy" all index and query as "dang uy". Nothing to do on other databases.
After applying it to a database that already has a search index, run `update_index`.
"""

from django.db import migrations

CONFIG = "cchc_vietnamese"
TOKEN_TYPES = "word, hword, hword_part, numword, numhword, hword_numpart"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_ts_config"
            " WHERE cfgname = %s AND cfgnamespace = current_schema()::regnamespace",
            [CONFIG],
        )
        exists = cursor.fetchone() is not None
    if not exists:
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {TOKEN_TYPES}"
        " WITH unaccent, simple"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The unaccent extension stays: other parts of the database may use it.
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("cchc_news", "0002_reference_subject_label"),
    ]

    operations = [
        migrations.RunPython(create_configuration, drop_configuration, elidable=False),
    ]
