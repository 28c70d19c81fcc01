"""The stored, normalised search text of commitments and milestones (`kernel.search.StoredSearchText`),
filled for the existing rows in batches; on PostgreSQL also a trigram index on it and a generated,
GIN-indexed `search_vector`, so the site search reads indexes instead of computing vectors per row."""

from django.db import migrations, models

from samskap.kernel.search import add_stored_search_sql, fill_search_text

TABLES = {
    "Commitment": ("commitments_commitment", ("identifier", "title", "short_title", "problem", "description")),
    "Milestone": ("commitments_milestone", ("activity",)),
}


def forwards(apps, schema_editor):
    for name, (table, fields) in TABLES.items():
        fill_search_text(apps.get_model("commitments", name), fields)
        if schema_editor.connection.vendor == "postgresql":
            for statement in add_stored_search_sql(table, fields):
                schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table, _fields in TABLES.values():
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="commitment",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="milestone",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(forwards, backwards),
    ]
