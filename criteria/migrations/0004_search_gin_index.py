"""A GIN index on the library's full-text vector (PostgreSQL only).

The index is on the very expression criteria.selectors builds
(to_tsvector('norwegian', COALESCE(search_text, ''))), so the @@ match reads the
index instead of recomputing every criterion's vector per search. search_text is
kept up to date by the criteria services on every save; SQLite has no GIN and
keeps its substring fallback.
"""

from django.db import migrations

INDEX = "criteria_criterion_search_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON criteria_criterion "
            "USING gin (to_tsvector('norwegian'::regconfig, COALESCE(search_text, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("criteria", "0003_proposals_and_four_eyes")]
    operations = [migrations.RunPython(create, drop)]
