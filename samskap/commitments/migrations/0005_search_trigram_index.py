"""SQLite: a trigram FTS5 index of commitments' and milestones' stored search text (`kernel.search.ensure_fts`),
kept right by triggers, so `matching_stored` finds a stem without reading every row's text. PostgreSQL has
its own (0003). With the indexes the search walks in its order, so it stops at a page."""

from django.db import migrations, models

from samskap.kernel.search import TRIGRAMS, drop_fts, ensure_fts

TABLES = ("commitments_commitment", "commitments_milestone")


def forwards(apps, schema_editor):
    for table in TABLES:
        ensure_fts(schema_editor.connection, table, tokenize=TRIGRAMS)


def backwards(apps, schema_editor):
    for table in TABLES:
        drop_fts(schema_editor.connection, table)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0004_index_by_plan_and_identifier")]
    operations = [
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["plan", "order"], name="commitment_plan_order"),
        ),
        migrations.AddIndex(
            model_name="milestone",
            index=models.Index(fields=["commitment", "order"], name="milestone_in_order"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
