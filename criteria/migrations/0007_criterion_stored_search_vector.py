"""A stored full-text vector for the library, kept by a trigger, with a GIN index (PostgreSQL).

Until now the search matched on an expression index (migration 0004), so PostgreSQL
recomputed to_tsvector for every criterion it ranked and the planner had to match the
expression exactly. The vector is now a column: a BEFORE INSERT OR UPDATE trigger sets it
from search_text (so service writes, bulk imports and admin edits all keep it current),
existing rows are filled once, and the GIN index is on the column. SQLite keeps the
column empty and its substring fallback.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "criteria_criterion_search_vector_gin"
OLD_INDEX = "criteria_criterion_search_gin"
TRIGGER = "criteria_criterion_search_vector_update"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE ON criteria_criterion FOR EACH ROW "
        "EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.norwegian', search_text)"
    )
    schema_editor.execute(
        "UPDATE criteria_criterion SET search_vector = to_tsvector('norwegian'::regconfig, COALESCE(search_text, ''))"
    )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON criteria_criterion USING gin (search_vector)")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON criteria_criterion")
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON criteria_criterion "
        "USING gin (to_tsvector('norwegian'::regconfig, COALESCE(search_text, '')))"
    )


class Migration(migrations.Migration):
    dependencies = [("criteria", "0006_english_reference_texts")]
    operations = [
        migrations.AddField(
            model_name="criterion",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create, drop),
    ]
