"""On PostgreSQL, a generated, GIN-indexed `search_vector` of the searched fields, so the site search reads a
stored vector instead of computing one for every row on every search (`kernel.search.matching`'s
`stored_vector`). PostgreSQL computes it on every write, bulk and raw SQL included. Nothing on SQLite."""

from django.db import migrations

from samskap.kernel.search import add_search_vector_sql, drop_search_vector_sql

TABLE = "plans_actionplan"
FIELDS = ("label", "title", "summary")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in add_search_vector_sql(TABLE, FIELDS):
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(drop_search_vector_sql(TABLE))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_plan_published_at"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
