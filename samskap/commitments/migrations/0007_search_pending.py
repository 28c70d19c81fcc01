"""An import stores its commitments "pending" (`kernel.search.mark_search_pending`: empty search text,
`search_config` ""), indexed by a background task after it commits. A partial index finds the pending rows,
and on PostgreSQL the generated `search_vector` of a pending row is NULL, so the import's INSERT stems
nothing (`search_vector_pending`; every other row's vector is as before). Nothing else on SQLite."""

from django.db import migrations, models

from samskap.kernel.search import search_vector_pending


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0006_search_config_per_row"),
        ("organisations", "0003_search_vector"),
        ("plans", "0003_search_vector"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(condition=models.Q(("search_config", "")), fields=["id"], name="commitment_search_pending"),
        ),
        migrations.AddIndex(
            model_name="milestone",
            index=models.Index(condition=models.Q(("search_config", "")), fields=["id"], name="milestone_search_pending"),
        ),
        search_vector_pending(
            "commitments",
            "Commitment",
            ("identifier", "title", "short_title", "problem", "description"),
            language_path="plan__jurisdiction__default_language",
        ),
        search_vector_pending(
            "commitments", "Milestone", ("activity",), language_path="commitment__plan__jurisdiction__default_language"
        ),
    ]
