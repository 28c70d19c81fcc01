"""Full-text search indexes on PostgreSQL: one partial GIN index per text-search configuration, so a
search in a Norwegian consultation uses the Norwegian stemmer's index. SQLite needs none (see selectors)."""

from django.db import migrations

CONFIGS = ("norwegian", "danish", "english", "simple")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS consultations_submission_fts_{config} ON consultations_submission "
            f"USING gin (to_tsvector('{config}'::regconfig, text)) WHERE search_config = '{config}'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS consultations_submission_fts_{config}")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
