"""Each commitment and milestone stores the text-search configuration of its government's language
(`search_config`), and on PostgreSQL its generated `search_vector` stems the text with that one
configuration instead of all four (norwegian, danish, english, simple): PostgreSQL spent most of an
import's time stemming every text four times. Nothing else on SQLite (it has no vector)."""

from django.db import migrations, models

from samskap.kernel.search import search_vector_per_row


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0005_search_trigram_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="commitment",
            name="search_config",
            field=models.CharField(blank=True, default="simple", editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name="milestone",
            name="search_config",
            field=models.CharField(blank=True, default="simple", editable=False, max_length=20),
        ),
        search_vector_per_row(
            "commitments",
            "Commitment",
            ("identifier", "title", "short_title", "problem", "description"),
            language_path="plan__jurisdiction__default_language",
        ),
        search_vector_per_row(
            "commitments", "Milestone", ("activity",), language_path="commitment__plan__jurisdiction__default_language"
        ),
    ]
