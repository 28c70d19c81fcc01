"""On PostgreSQL, a generated, GIN-indexed `search_vector` of the searched fields, so the site search reads a
stored vector instead of computing one for every row on every search (`kernel.search.matching`'s
`stored_vector`). PostgreSQL computes it on every write, bulk and raw SQL included. Nothing on SQLite."""

from django.db import migrations

from samskap.kernel.search import add_search_vector


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_organisation_alias"),
    ]

    operations = [
        add_search_vector("organisations_organisation", ("name", "description")),
    ]
