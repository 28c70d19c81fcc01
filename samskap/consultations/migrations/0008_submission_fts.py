"""The submissions' search indexes, so a search reads an index instead of every submission.

SQLite: an FTS5 index of the stored search text (`kernel.search.ensure_fts`), kept right by triggers.
PostgreSQL: the stored vectors' GIN index (0004) split by stemmer, one partial index per configuration: a
search asks each stemmer only about the submissions stemmed by it, so a Danish query's stem that is also a
Norwegian word no longer fetches 166,000 Norwegian submissions only to discard them."""

from django.db import migrations

from samskap.consultations.text import SEARCH_INDEX
from samskap.kernel.search import drop_fts, ensure_fts

CONFIGS = ("danish", "english", "norwegian", "simple")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for config in CONFIGS:
            schema_editor.execute(
                f"CREATE INDEX consultations_submission_vector_{config} ON consultations_submission "
                f"USING gin (search_vector) WHERE search_config = '{config}'"
            )
        schema_editor.execute("DROP INDEX IF EXISTS consultations_submission_search_vector")
        return
    ensure_fts(schema_editor.connection, "consultations_submission", **SEARCH_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX consultations_submission_search_vector ON consultations_submission USING gin (search_vector)"
        )
        for config in CONFIGS:
            schema_editor.execute(f"DROP INDEX IF EXISTS consultations_submission_vector_{config}")
        return
    drop_fts(schema_editor.connection, "consultations_submission")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0007_report_queue_index")]
    operations = [migrations.RunPython(forwards, backwards)]
