"""PostgreSQL: a stored tsvector column (generated from the text with the submission's own
configuration) and one GIN index on it, in place of the expression indexes of 0002. A search then
reads stored vectors: the list's order index can be walked and stopped after one page, instead of
computing to_tsvector for every match and sorting them. SQLite needs none of this (see selectors)."""

from django.db import migrations

VECTOR = (
    "CASE search_config"
    " WHEN 'norwegian' THEN to_tsvector('norwegian'::regconfig, text)"
    " WHEN 'danish' THEN to_tsvector('danish'::regconfig, text)"
    " WHEN 'english' THEN to_tsvector('english'::regconfig, text)"
    " ELSE to_tsvector('simple'::regconfig, text) END"
)
OLD_CONFIGS = ("norwegian", "danish", "english", "simple")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in OLD_CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS consultations_submission_fts_{config}")
    schema_editor.execute(
        f"ALTER TABLE consultations_submission ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX consultations_submission_search_vector ON consultations_submission USING gin (search_vector)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE consultations_submission DROP COLUMN search_vector")
    for config in OLD_CONFIGS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS consultations_submission_fts_{config} ON consultations_submission "
            f"USING gin (to_tsvector('{config}'::regconfig, text)) WHERE search_config = '{config}'"
        )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0003_submission_in_order")]
    operations = [migrations.RunPython(forwards, backwards)]
