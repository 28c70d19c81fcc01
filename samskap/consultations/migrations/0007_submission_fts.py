"""SQLite: an FTS5 index of the submissions' stored search text (`kernel.search.ensure_fts`), kept right by
triggers, so a search reads the index instead of every submission. PostgreSQL has its own (0004)."""

from django.db import migrations

from samskap.consultations.text import SEARCH_INDEX
from samskap.kernel.search import drop_fts, ensure_fts


def forwards(apps, schema_editor):
    ensure_fts(schema_editor.connection, "consultations_submission", **SEARCH_INDEX)


def backwards(apps, schema_editor):
    drop_fts(schema_editor.connection, "consultations_submission")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0006_one_line_names")]
    operations = [migrations.RunPython(forwards, backwards)]
